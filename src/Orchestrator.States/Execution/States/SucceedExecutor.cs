using System.Text.Json.Nodes;

namespace Orchestrator.States.Execution.States;

/// <summary>Succeed: ends its workflow with the input after InputPath and OutputPath.</summary>
internal sealed class SucceedExecutor : IStateExecutor
{
    public ValueTask<StepResult> ExecuteAsync(StateRun run, JsonNode? input)
    {
        var flow = run.DataFlow;
        var output = flow.PassThrough(run.State, null, flow.EffectiveInput(run.State, input, run), run);
        return ValueTask.FromResult<StepResult>(new StepSucceeded(output, null));
    }
}
