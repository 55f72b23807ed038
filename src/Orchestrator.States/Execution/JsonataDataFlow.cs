using System.Text.Json.Nodes;
using Orchestrator.States.Errors;
using Orchestrator.States.Json;
using Orchestrator.States.Model;

namespace Orchestrator.States.Execution;

/// <summary>
/// The JSONata pipeline: the state works on its raw input ($states.input); Arguments shape what a Task or Parallel
/// receives; Output (default: the result, or the input for states without one) and Assign are evaluated together,
/// against the variables as they were on entry, and the assignments take effect afterwards.
/// </summary>
internal sealed class JsonataDataFlow : IDataFlow
{
    public JsonNode? EffectiveInput(StateDefinition state, JsonNode? rawInput, StateRun run) => rawInput;

    public JsonNode? Arguments(StateDefinition state, JsonNode? effectiveInput, StateRun run) =>
        state.Jsonata?.Arguments is { } arguments ? JsonataEvaluation.Of(run, effectiveInput).Evaluate(arguments, "Arguments") : effectiveInput;

    public JsonNode? Output(StateDefinition state, JsonNode? rawInput, JsonNode? result, StateRun run)
    {
        // $states.result exists for the states that call something (Task) or run sub-workflows (Parallel, Map).
        var evaluation = state is IResultState ? JsonataEvaluation.WithResult(run, rawInput, result) : JsonataEvaluation.Of(run, rawInput);
        return AssignAndOutput(evaluation, state.Jsonata?.Assign, state.Jsonata?.Output, "", result, run);
    }

    public JsonNode? PassThrough(StateDefinition state, ChoiceBranch? branch, JsonNode? effectiveInput, StateRun run)
    {
        var fields = state.Jsonata;
        var clause = branch?.Jsonata;
        if (fields?.Assign is null && fields?.Output is null && clause?.Assign is null && clause?.Output is null)
        {
            return effectiveInput;
        }

        var evaluation = JsonataEvaluation.Of(run, effectiveInput);
        if (clause is null)
        {
            return AssignAndOutput(evaluation, fields?.Assign, fields?.Output, "", effectiveInput, run);
        }

        // AWS: a state-level Assign applies whichever rule matches; the matched rule's own Assign and Output come on
        // top of the state's (a rule's variable wins over the state's of the same name; its Output replaces the state's).
        var stateAssigned = fields?.Assign is { } stateAssign ? evaluation.Evaluate(stateAssign, "Assign") as JsonObject : null;
        var output = clause.Output is null && fields?.Output is { } stateOutput ? evaluation.Evaluate(stateOutput, "Output") : null;
        var value = AssignAndOutput(evaluation, clause.Assign, clause.Output, clause.Location + "/", output ?? effectiveInput, run, stateAssigned);
        return value;
    }

    public JsonNode? CatchOutput(Catcher catcher, Failure failure, JsonNode? rawInput, StateRun run)
    {
        var errorOutput = failure.ToErrorOutput();

        var clause = catcher.Jsonata;
        if (clause?.Assign is null && clause?.Output is null)
        {
            return errorOutput;
        }

        var evaluation = JsonataEvaluation.WithErrorOutput(run, rawInput, errorOutput);
        return AssignAndOutput(evaluation, clause.Assign, clause.Output, clause.Location + "/", errorOutput, run);
    }

    public bool Holds(ChoiceRule rule, JsonNode? effectiveInput, StateRun run)
    {
        if (rule is not ExpressionRule expression)
        {
            throw new InvalidOperationException("A JSONata Choice state holds only Condition rules; the loader guarantees it.");
        }

        var value = expression.Condition is JsonataLiteral literal
            ? literal.Value
            : JsonataEvaluation.Of(run, effectiveInput).Evaluate(expression.Condition, expression.Location);
        return JsonValues.TryGetBoolean(value, out var holds)
            ? holds
            : throw JsonataEvaluation.UnexpectedType(expression.Condition, expression.Location, "boolean", value);
    }

    public JsonArray Items(MapState state, JsonNode? effectiveInput, StateRun run)
    {
        if (state.Jsonata?.Items is not { } items)
        {
            // Without Items a JSONata Map iterates its input, and a non-array input is a query evaluation error.
            return effectiveInput as JsonArray
                ?? throw new StatesException(StatesErrorNames.QueryEvaluationError, $"Map state input must be an array but was: {JsonValues.ToJson(effectiveInput)}");
        }

        var value = JsonataEvaluation.Of(run, effectiveInput).Evaluate(items, "Items");
        return value as JsonArray ?? throw JsonataEvaluation.UnexpectedType(items, "Items", "array", value);
    }

    public JsonNode? ItemInput(MapState state, JsonNode? effectiveInput, int index, JsonNode? item, StateRun run)
    {
        if (state.Jsonata?.ItemSelector is not { } selector)
        {
            return JsonValues.Clone(item);
        }

        // $states.context.Map.Item.{Index,Value} exist only while an item is being selected.
        var itemRun = new StateRun(state, run.Frame, run.EnteredEventId, run.EnteredTime) { MapItem = (index, item), RetryCount = run.RetryCount };
        return JsonataEvaluation.Of(itemRun, effectiveInput).Evaluate(selector, "ItemSelector");
    }

    /// <summary>Task TimeoutSeconds/HeartbeatSeconds given as an expression: a positive integer.</summary>
    public static long? PositiveSeconds(JsonataTemplate? template, string field, JsonNode? input, StateRun run) =>
        template is null ? null : JsonataEvaluation.Of(run, input).Integer(template, field, min: 1, max: 99999999);

    /// <summary>Map MaxConcurrency/ToleratedFailureCount given as an expression: a non-negative integer.</summary>
    public static long? Count(JsonataTemplate? template, string field, JsonNode? input, StateRun run) =>
        template is null ? null : JsonataEvaluation.Of(run, input).Integer(template, field, min: 0);

    /// <summary>Map ToleratedFailurePercentage given as an expression: a number from 0 to 100.</summary>
    public static double? Percentage(JsonataTemplate? template, JsonNode? input, StateRun run) =>
        template is null ? null : JsonataEvaluation.Of(run, input).Number(template, "ToleratedFailurePercentage", 0, 100);

    /// <summary>Fail Error/Cause given as an expression: a string.</summary>
    public static string? Text(JsonataTemplate? template, string field, JsonNode? input, StateRun run) =>
        template is null ? null : JsonataEvaluation.Of(run, input).Text(template, field);

    /// <summary>When a Wait whose Seconds or Timestamp is an expression is due; null when neither is.</summary>
    public static DateTimeOffset? WaitUntil(WaitState state, JsonNode? input, StateRun run, DateTimeOffset now)
    {
        if (state.Jsonata?.Seconds is { } seconds)
        {
            return now.AddSeconds(JsonataEvaluation.Of(run, input).Integer(seconds, "Seconds", min: 0, max: 99999999));
        }

        if (state.Jsonata?.Timestamp is not { } timestamp)
        {
            return null;
        }

        var value = JsonataEvaluation.Of(run, input).Evaluate(timestamp, "Timestamp");
        if (JsonValues.TryGetString(value, out var text) && Timestamps.TryParse(text, out var at))
        {
            return at;
        }

        // AWS shows the offending text bare, as recorded in the conformance corpus.
        throw new StatesException(StatesErrorNames.QueryEvaluationError,
            "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: " + (JsonValues.TryGetString(value, out var s) ? s : JsonValues.ToJson(value)))
        {
            Location = "Timestamp",
        };
    }

    /// <summary>Evaluates Assign then Output with the same $states and variables, then applies the assignments at once.</summary>
    private static JsonNode? AssignAndOutput(
        JsonataEvaluation evaluation, JsonataTemplate? assign, JsonataTemplate? output, string prefix, JsonNode? fallback, StateRun run, JsonObject? assignedBefore = null)
    {
        var assigned = assign is null ? null : evaluation.Evaluate(assign, prefix + "Assign") as JsonObject;
        var value = output is null ? fallback : evaluation.Evaluate(output, prefix + "Output");
        var all = (assignedBefore ?? []).Concat(assigned ?? []).Select(kv => new KeyValuePair<string, JsonNode?>(kv.Key, JsonValues.Clone(kv.Value))).ToList();
        if (all.Count > 0)
        {
            // SetAll applies in order, so a later assignment of the same name wins.
            run.Frame.Variables.SetAll(all);
        }

        return value;
    }
}
