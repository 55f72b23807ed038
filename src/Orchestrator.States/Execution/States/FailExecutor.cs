using System.Text.Json.Nodes;
using Orchestrator.States.Errors;
using Orchestrator.States.Intrinsics;
using Orchestrator.States.Json;
using Orchestrator.States.Model;
using Orchestrator.States.Paths;

namespace Orchestrator.States.Execution.States;

/// <summary>Fail: fails its workflow with Error/Cause, literal, read through ErrorPath/CausePath (path or intrinsic) or a JSONata expression.</summary>
internal sealed class FailExecutor : IStateExecutor
{
    public ValueTask<StepResult> ExecuteAsync(StateRun run, JsonNode? input)
    {
        var state = (FailState)run.State;
        var error = state.ErrorPath is { } errorPath ? Dynamic(errorPath, "ErrorPath", input, run) : JsonataDataFlow.Text(state.Jsonata?.Error, "Error", input, run) ?? state.Error;
        var cause = state.CausePath is { } causePath ? Dynamic(causePath, "CausePath", input, run) : JsonataDataFlow.Text(state.Jsonata?.Cause, "Cause", input, run) ?? state.Cause;
        return ValueTask.FromResult<StepResult>(new StepFailed(new Failure(error, cause)));
    }

    private static string Dynamic(string expression, string field, JsonNode? input, StateRun run)
    {
        var evaluation = new PathEvaluation(input, run);
        JsonNode? value;
        if (IntrinsicFunctions.IsIntrinsic(expression))
        {
            value = IntrinsicFunctions.Evaluate(expression, evaluation);
        }
        else
        {
            value = evaluation.Resolve(JsonPathExpression.Parse(expression));
        }

        if (!JsonValues.TryGetString(value, out var text))
        {
            throw new StatesException(StatesErrorNames.Runtime,
                $"The {field} field refers to value \"{JsonValues.ToJson(value)}\" which is not a valid string: {expression}");
        }

        return text;
    }
}
