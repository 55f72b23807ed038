using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Orchestrator.States.Errors;
using Orchestrator.States.Json;
using Orchestrator.States.Model;

namespace Orchestrator.States.Execution.States;

/// <summary>Choice: the first rule that holds picks Next (and its Assign); otherwise Default, otherwise States.NoChoiceMatched.</summary>
internal sealed class ChoiceExecutor : IStateExecutor
{
    public ValueTask<StepResult> ExecuteAsync(StateRun run, JsonNode? input)
    {
        var state = (ChoiceState)run.State;
        var flow = run.DataFlow;
        var effective = flow.EffectiveInput(state, input, run);
        // Indexed loops here and below: a foreach over an IReadOnlyList boxes an enumerator on every evaluation.
        for (var i = 0; i < state.Choices.Count; i++)
        {
            var branch = state.Choices[i];
            if (flow.Holds(branch.Rule, effective, run))
            {
                return ValueTask.FromResult<StepResult>(new StepSucceeded(flow.PassThrough(state, branch, effective, run), branch.Next));
            }
        }

        if (state.Default is null)
        {
            return ValueTask.FromResult<StepResult>(new StepFailed(new Failure(StatesErrorNames.NoChoiceMatched,
                $"No Matches! The Choice state '{state.Name}' has no rule matching its input and no Default.")));
        }

        return ValueTask.FromResult<StepResult>(new StepSucceeded(flow.PassThrough(state, null, effective, run), state.Default));
    }
}

/// <summary>Evaluates choice rules. Type mismatches are simply false, as in AWS; a missing Variable is States.Runtime.</summary>
internal static class ChoiceRuleEvaluator
{
    public static bool Holds(ChoiceRule rule, PathEvaluation evaluation) => rule switch
    {
        AndRule and => All(and.Rules, evaluation),
        OrRule or => Any(or.Rules, evaluation),
        NotRule not => !Holds(not.Rule, evaluation),
        ComparisonRule comparison => Compare(comparison, evaluation),
        _ => throw new InvalidOperationException("JSONata conditions are evaluated by JsonataDataFlow, never here."),
    };

    private static bool All(IReadOnlyList<ChoiceRule> rules, PathEvaluation evaluation)
    {
        for (var i = 0; i < rules.Count; i++)
        {
            if (!Holds(rules[i], evaluation))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Any(IReadOnlyList<ChoiceRule> rules, PathEvaluation evaluation)
    {
        for (var i = 0; i < rules.Count; i++)
        {
            if (Holds(rules[i], evaluation))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Compare(ComparisonRule rule, PathEvaluation evaluation)
    {
        var (found, value) = evaluation.TryResolve(rule.Variable);
        if (rule.Operator == ComparisonOperator.IsPresent)
        {
            return JsonValues.TryGetBoolean(rule.Operand, out var expected) && found == expected;
        }

        if (!found)
        {
            throw new StatesException(StatesErrorNames.Runtime,
                $"Invalid path '{rule.Variable.Text}': The choice state's condition path references an invalid value.");
        }

        var operand = rule.Operand;
        if (rule.OperandPath is { } operandPath)
        {
            var (operandFound, operandValue) = evaluation.TryResolve(operandPath);
            if (!operandFound)
            {
                throw new StatesException(StatesErrorNames.Runtime,
                    $"Invalid path '{operandPath.Text}': The choice state's condition path references an invalid value.");
            }

            operand = operandValue;
        }

        return rule.Operator switch
        {
            ComparisonOperator.IsNull => Is(operand, value is null || JsonValues.KindOf(value) == System.Text.Json.JsonValueKind.Null),
            ComparisonOperator.IsNumeric => Is(operand, JsonValues.IsNumber(value)),
            ComparisonOperator.IsString => Is(operand, JsonValues.IsString(value)),
            ComparisonOperator.IsBoolean => Is(operand, JsonValues.IsBoolean(value)),
            ComparisonOperator.IsTimestamp => Is(operand, JsonValues.TryGetString(value, out var ts) && Timestamps.TryParse(ts, out _)),
            ComparisonOperator.BooleanEquals => JsonValues.TryGetBoolean(value, out var a) && JsonValues.TryGetBoolean(operand, out var b) && a == b,
            ComparisonOperator.StringMatches => JsonValues.TryGetString(value, out var text) && JsonValues.TryGetString(operand, out var pattern) && WildcardMatches(pattern, text),
            _ => Ordered(rule.Operator, value, operand),
        };
    }

    private static bool Is(JsonNode? operand, bool actual) => JsonValues.TryGetBoolean(operand, out var expected) && expected == actual;

    private static bool Ordered(ComparisonOperator op, JsonNode? value, JsonNode? operand)
    {
        var name = op.ToString();
        int order;
        string relation;
        if (name.StartsWith("Numeric", StringComparison.Ordinal))
        {
            if (!JsonValues.IsNumber(value) || !JsonValues.IsNumber(operand))
            {
                return false;
            }

            order = JsonValues.CompareNumbers(value!, operand!);
            relation = name["Numeric".Length..];
        }
        else if (name.StartsWith("String", StringComparison.Ordinal))
        {
            if (!JsonValues.TryGetString(value, out var left) || !JsonValues.TryGetString(operand, out var right))
            {
                return false;
            }

            order = string.CompareOrdinal(left, right);
            relation = name["String".Length..];
        }
        else
        {
            if (!JsonValues.TryGetString(value, out var left) || !JsonValues.TryGetString(operand, out var right)
                || !Timestamps.TryParse(left, out var l) || !Timestamps.TryParse(right, out var r))
            {
                return false;
            }

            order = l.CompareTo(r);
            relation = name["Timestamp".Length..];
        }

        return relation switch
        {
            "Equals" => order == 0,
            "GreaterThan" => order > 0,
            "GreaterThanEquals" => order >= 0,
            "LessThan" => order < 0,
            "LessThanEquals" => order <= 0,
            _ => false,
        };
    }

    /// <summary>
    /// StringMatches: '*' matches any run of characters; "\*" is a literal star and "\\" a literal backslash. A glob
    /// walk with one backtrack point, so no Regex is built per evaluation.
    /// </summary>
    public static bool WildcardMatches(string pattern, string text)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(text);
        int p = 0, t = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                starP = ++p;
                starT = t;
                continue;
            }

            if (p < pattern.Length)
            {
                var (literal, width) = LiteralAt(pattern, p);
                if (literal == text[t])
                {
                    p += width;
                    t++;
                    continue;
                }
            }

            if (starP < 0)
            {
                return false;
            }

            // Let the last star take one more character and retry from just after it.
            p = starP;
            t = ++starT;
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static (char Literal, int Width) LiteralAt(string pattern, int p) =>
        pattern[p] == '\\' && p + 1 < pattern.Length && pattern[p + 1] is '*' or '\\' ? (pattern[p + 1], 2) : (pattern[p], 1);
}
