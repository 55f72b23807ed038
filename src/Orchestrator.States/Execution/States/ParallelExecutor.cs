using System.Text.Json.Nodes;
using Orchestrator.States.History;
using Orchestrator.States.Json;
using Orchestrator.States.Model;

namespace Orchestrator.States.Execution.States;

/// <summary>Parallel: every branch gets the same input; the result is the array of branch outputs; the first failure fails all.</summary>
internal sealed class ParallelExecutor : IStateExecutor
{
    public async ValueTask<StepResult> ExecuteAsync(StateRun run, JsonNode? input)
    {
        var state = (ParallelState)run.State;
        var effective = run.DataFlow.Arguments(state, run.DataFlow.EffectiveInput(state, input, run), run);

        var frame = run.Frame;
        frame.Record(HistoryEventTypes.ParallelStateStarted);
        using var branchesCancellation = CancellationTokenSource.CreateLinkedTokenSource(frame.Cancellation);
        var branchFrames = state.Branches.Select(_ => frame.Child(branchesCancellation.Token)).ToList();
        var tasks = new List<Task<WorkflowResult>>();
        WorkflowFailed? firstFailure = null;
        var gate = new Lock();
        for (var i = 0; i < state.Branches.Count; i++)
        {
            var branch = state.Branches[i];
            var branchFrame = branchFrames[i];
            var index = i;
            var branchInput = JsonValues.Clone(effective);
            tasks.Add(RunBranchAsync(() => run.RunChildAsync(index, () => WorkflowRunner.RunAsync(branch, branchInput, branchFrame)), branch, branchInput, branchFrame, failed =>
            {
                lock (gate)
                {
                    firstFailure ??= failed;
                }

                // One failed branch fails the Parallel state: stop the others.
                branchesCancellation.Cancel();
            }));
        }

        var results = await Task.WhenAll(tasks);
        frame.PreviousEventId = Math.Max(frame.PreviousEventId, branchFrames.Max(f => f.PreviousEventId));
        frame.Cancellation.ThrowIfCancellationRequested();
        if (firstFailure is not null)
        {
            frame.Record(HistoryEventTypes.ParallelStateFailed);
            return new StepFailed(firstFailure.Failure);
        }

        frame.Record(HistoryEventTypes.ParallelStateSucceeded);
        var output = new JsonArray(results.Select(r => ((WorkflowSucceeded)r).Output).ToArray());
        return new StepSucceeded(run.DataFlow.Output(state, input, output, run), StateExecutors.NextOf(state));
    }

    private static async Task<WorkflowResult> RunBranchAsync(Func<Task<WorkflowResult>> runBranch, Workflow branch, JsonNode? input, Frame frame, Action<WorkflowFailed> onFailure)
    {
        try
        {
            var result = await runBranch();
            if (result is WorkflowFailed failed)
            {
                onFailure(failed);
            }

            return result;
        }
        catch (OperationCanceledException) when (frame.Cancellation.IsCancellationRequested)
        {
            return new WorkflowFailed(new Errors.Failure(null, null), branch.StartAt, input);
        }
    }
}
