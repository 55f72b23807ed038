using System.Text.Json.Nodes;
using Orchestrator.States.Model;

namespace Orchestrator.States.Execution.States;

/// <summary>Pass: the result is Result when given, else the (Parameters-shaped) effective input.</summary>
internal sealed class PassExecutor : IStateExecutor
{
    public ValueTask<StepResult> ExecuteAsync(StateRun run, JsonNode? input)
    {
        var state = (PassState)run.State;
        var flow = run.DataFlow;
        var arguments = flow.Arguments(state, flow.EffectiveInput(state, input, run), run);
        var result = state.HasResult ? state.Result?.DeepClone() : arguments;
        return ValueTask.FromResult<StepResult>(new StepSucceeded(flow.Output(state, input, result, run), StateExecutors.NextOf(state)));
    }
}
