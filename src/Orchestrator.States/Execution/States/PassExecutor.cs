using System.Text.Json.Nodes;
using Orchestrator.States.Model;

namespace Orchestrator.States.Execution.States;

/// <summary>Pass: the result is Result when given, else the (Parameters-shaped) effective input.</summary>
internal sealed class PassExecutor : IStateExecutor
{
    public Task<StepResult> ExecuteAsync(StateRun run, JsonNode? input)
    {
        var state = (PassState)run.State;
        var effective = JsonPathDataFlow.Select(state.InputPath, input, run);
        if (state.Parameters is not null)
        {
            effective = JsonPathDataFlow.Evaluate(state.Parameters, effective, run);
        }

        var result = state.HasResult ? state.Result?.DeepClone() : effective;
        JsonPathDataFlow.Assign(state.Assign, result, run);
        var output = JsonPathDataFlow.ApplyResultPath(state.ResultPath, input, result);
        output = JsonPathDataFlow.Select(state.OutputPath, output, run);
        return Task.FromResult<StepResult>(new StepSucceeded(output, StateExecutors.NextOf(state)));
    }
}
