using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.States.Errors;
using Orchestrator.States.Intrinsics;
using Orchestrator.States.Json;
using Orchestrator.States.Model;
using Orchestrator.States.Paths;

namespace Orchestrator.States.Loading;

/// <summary>Reads Choice rules: And/Or/Not trees and comparisons, checking operand types and where Next may appear.</summary>
internal static class ChoiceRuleReader
{
    private static readonly Dictionary<string, ComparisonOperator> Operators = Enum.GetValues<ComparisonOperator>()
        .ToDictionary(o => o.ToString(), o => o, StringComparer.Ordinal);

    public static ChoiceRule? ReadRule(LoadContext context, JsonObject obj, string pointer, bool topLevel)
    {
        var allowed = new List<string> { "Variable", "And", "Or", "Not", "Comment" };
        allowed.AddRange(Operators.Keys);
        allowed.AddRange(Operators.Keys.Where(k => !k.StartsWith("Is", StringComparison.Ordinal)).Select(k => k + "Path"));
        if (topLevel)
        {
            allowed.Add("Next");
            allowed.Add("Assign");
        }

        foreach (var field in new[] { "Condition", "Output" })
        {
            if (topLevel && obj.ContainsKey(field))
            {
                context.Problem(pointer + "/" + field, QueryLanguageFields.JsonataOnlyMessage(field));
                allowed.Add(field);
            }
        }

        context.CheckFields(obj, pointer, allowed);
        if (!topLevel && obj.ContainsKey("Next"))
        {
            context.Problem(pointer + "/Next", "Only top-level choice rules may have Next.");
        }

        if (obj.TryGetPropertyValue("And", out var andNode) || obj.TryGetPropertyValue("Or", out andNode))
        {
            var isAnd = obj.ContainsKey("And");
            var key = isAnd ? "And" : "Or";
            if (obj.ContainsKey("Variable") || (isAnd && obj.ContainsKey("Or")) || obj.ContainsKey("Not"))
            {
                context.Problem(pointer, "A choice rule must have exactly one of And, Or, Not or a comparison.");
            }

            if (andNode is not JsonArray list || list.Count == 0)
            {
                context.Problem(pointer + "/" + key, $"{key} must be a non-empty array of rules.");
                return null;
            }

            var rules = new List<ChoiceRule>();
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] is JsonObject inner)
                {
                    if (ReadRule(context, inner, $"{pointer}/{key}/{i}", topLevel: false) is { } r)
                    {
                        rules.Add(r);
                    }
                }
                else
                {
                    context.Problem($"{pointer}/{key}/{i}", "A choice rule must be an object.");
                }
            }

            return isAnd ? new AndRule(rules) : new OrRule(rules);
        }

        if (obj.TryGetPropertyValue("Not", out var notNode))
        {
            if (obj.ContainsKey("Variable"))
            {
                context.Problem(pointer, "A choice rule must have exactly one of And, Or, Not or a comparison.");
            }

            if (notNode is not JsonObject inner)
            {
                context.Problem(pointer + "/Not", "Not must be a single rule object.");
                return null;
            }

            var rule = ReadRule(context, inner, pointer + "/Not", topLevel: false);
            return rule is null ? null : new NotRule(rule);
        }

        return ReadComparison(context, obj, pointer);
    }

    public static ComparisonRule? ReadComparison(LoadContext context, JsonObject obj, string pointer)
    {
        var found = new List<(string Key, ComparisonOperator Op, bool IsPath, JsonNode? Value)>();
        foreach (var (key, value) in obj)
        {
            if (Operators.TryGetValue(key, out var op))
            {
                found.Add((key, op, false, value));
            }
            else if (key.EndsWith("Path", StringComparison.Ordinal) && Operators.TryGetValue(key[..^4], out var pathOp))
            {
                found.Add((key, pathOp, true, value));
            }
        }

        if (found.Count != 1)
        {
            context.Problem(pointer, found.Count == 0
                ? "A choice rule needs a comparison operator (e.g. StringEquals), And, Or or Not."
                : "A choice rule must have exactly one comparison operator; found " + string.Join(", ", found.Select(f => f.Key)) + ".");
            return null;
        }

        JsonPathExpression? variable = null;
        if (!obj.TryGetPropertyValue("Variable", out var variableNode))
        {
            context.Problem(pointer + "/Variable", "A comparison requires Variable.");
        }
        else
        {
            variable = context.ReadPath(variableNode, pointer + "/Variable", "Variable", reference: false);
        }

        var (k, o, isPath, v) = found[0];
        var p = pointer + "/" + k;
        JsonPathExpression? operandPath = null;
        if (isPath)
        {
            operandPath = context.ReadPath(v, p, k, reference: false);
        }
        else if (!OperandFits(o, v))
        {
            context.Problem(p, $"{k} requires {OperandDescription(o)}.");
        }

        return variable is null ? null : new ComparisonRule(variable, o, JsonValues.Clone(isPath ? null : v), operandPath);
    }

    private static bool OperandFits(ComparisonOperator op, JsonNode? value)
    {
        var name = op.ToString();
        if (name.StartsWith("Is", StringComparison.Ordinal) || op == ComparisonOperator.BooleanEquals)
        {
            return JsonValues.IsBoolean(value);
        }

        if (name.StartsWith("Numeric", StringComparison.Ordinal))
        {
            return JsonValues.IsNumber(value);
        }

        if (name.StartsWith("Timestamp", StringComparison.Ordinal))
        {
            return JsonValues.TryGetString(value, out var s) && Timestamps.TryParse(s, out _);
        }

        return JsonValues.IsString(value);
    }

    private static string OperandDescription(ComparisonOperator op)
    {
        var name = op.ToString();
        if (name.StartsWith("Is", StringComparison.Ordinal) || op == ComparisonOperator.BooleanEquals)
        {
            return "a boolean";
        }

        if (name.StartsWith("Numeric", StringComparison.Ordinal))
        {
            return "a number";
        }

        return name.StartsWith("Timestamp", StringComparison.Ordinal) ? "an ISO-8601 timestamp string such as 2016-03-14T01:59:00Z" : "a string";
    }

}
