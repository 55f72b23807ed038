using System.Text.Json.Nodes;

namespace Orchestrator.States.Execution.States;

/// <summary>Succeed: ends its workflow with the input after InputPath and OutputPath.</summary>
internal sealed class SucceedExecutor : IStateExecutor
{
    public Task<StepResult> ExecuteAsync(StateRun run, JsonNode? input)
    {
        var effective = JsonPathDataFlow.Select(run.State.InputPath, input, run);
        var output = JsonPathDataFlow.Select(run.State.OutputPath, effective, run);
        return Task.FromResult<StepResult>(new StepSucceeded(output, null));
    }
}
