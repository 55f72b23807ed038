using System.Text.Json.Nodes;
using Orchestrator.States.Errors;
using Orchestrator.States.Execution.States;
using Orchestrator.States.History;
using Orchestrator.States.Json;
using Orchestrator.States.Model;

namespace Orchestrator.States.Execution;

/// <summary>
/// Runs a workflow state by state: records Entered/Exited events, applies Retry (a loop on the injected clock) and
/// Catch around each state, and stops at the first uncaught failure.
/// </summary>
internal static class WorkflowRunner
{
    /// <summary>The payload quota for a state's input or output: 256 KiB as UTF-8.</summary>
    public const int MaxPayloadBytes = 256 * 1024;

    public static async Task<WorkflowResult> RunAsync(Workflow workflow, JsonNode? input, Frame frame, string? startAt = null)
    {
        var current = workflow.States[startAt ?? workflow.StartAt];
        var resuming = startAt is not null && frame.IsRoot;
        var inputSize = -1L; // the JSON size of `input`, once a state's output has been measured
        while (true)
        {
            frame.Cancellation.ThrowIfCancellationRequested();
            var stateInput = input;
            if (frame.IsRoot)
            {
                frame.Execution.Position = (current.Name, stateInput);
                if (!resuming)
                {
                    frame.Execution.ForgetCompletedChildren();
                }
            }

            var enteredAt = frame.Execution.Time.GetUtcNow();
            var enteredId = frame.Record(new HistoryEvent
            {
                Type = HistoryEventTypes.Entered(current.Type),
                StateEnteredEventDetails = new StateEnteredEventDetails { Name = current.Name, InputPayload = frame.Execution.Payload(stateInput) },
            });
            var run = new StateRun(current, frame, enteredId, enteredAt) { ResumingRedrive = resuming, InputSize = inputSize };
            resuming = false;
            var result = await RunStateAsync(run, stateInput);
            switch (result)
            {
                case StepFailed failed:
                    return new WorkflowFailed(failed.Failure, current.Name, stateInput);
                case StepSucceeded succeeded:
                    var output = succeeded.Output;
                    // An output that is the state's own input (Choice, Wait, a plain Pass) was measured when it was made;
                    // one ResultPath field set on it was sized by the data flow from the input's size.
                    var size = inputSize >= 0 && ReferenceEquals(output, stateInput) ? inputSize
                        : run.OutputSize >= 0 ? run.OutputSize
                        : JsonSize.Measure(output);
                    inputSize = size;
                    if (size > MaxPayloadBytes)
                    {
                        // AWS: the state's output is larger than the 256 KiB payload quota — a terminal error States.ALL does not catch.
                        return new WorkflowFailed(new Failure(StatesErrorNames.DataLimitExceeded,
                            $"The state/task '{current.Name}' returned a result with a size exceeding the maximum number of bytes service limit."), current.Name, stateInput);
                    }

                    frame.Record(new HistoryEvent
                    {
                        Type = HistoryEventTypes.Exited(current.Type),
                        StateExitedEventDetails = new StateExitedEventDetails { Name = current.Name, OutputPayload = frame.Execution.Payload(output) },
                    });

                    if (succeeded.Next is null)
                    {
                        return new WorkflowSucceeded(output);
                    }

                    current = workflow.States[succeeded.Next];
                    input = output;
                    break;
            }
        }
    }

    private static async ValueTask<StepResult> RunStateAsync(StateRun run, JsonNode? input)
    {
        var state = run.State;
        var retry = (state as IResultState)?.Retry ?? [];
        var attempts = retry.Count == 0 ? [] : new int[retry.Count];
        while (true)
        {
            var result = await ExecuteOnceAsync(run, input);
            if (result is not StepFailed failed || state is not IResultState handling)
            {
                return result;
            }

            var index = IndexOfMatch(retry, r => r.ErrorEquals, failed.Failure.Error);
            if (index >= 0 && attempts[index] < retry[index].MaxAttempts)
            {
                var delay = Backoff(retry[index], attempts[index], run.Frame.Execution.Random);
                attempts[index]++;
                run.RetryCount++;
                run.ResumingRedrive = false;
                run.Invalidate();
                await Sleeper.SleepUntilAsync(run.Frame.Execution.Time, run.Frame.Execution.Time.GetUtcNow() + delay, run.Frame.Cancellation, run.Frame.Execution.Options.StartInline);
                continue;
            }

            var catchIndex = IndexOfMatch(handling.Catch, c => c.ErrorEquals, failed.Failure.Error);
            if (catchIndex < 0)
            {
                return failed;
            }

            return Catch(handling.Catch[catchIndex], failed.Failure, input, run);
        }
    }

    private static async ValueTask<StepResult> ExecuteOnceAsync(StateRun run, JsonNode? input)
    {
        try
        {
            return await StateExecutors.For(run.State).ExecuteAsync(run, input);
        }
        catch (StatesException ex)
        {
            // Path, payload and intrinsic errors are reported the way AWS words them: prefixed with where they happened.
            return Failed(ex, run);
        }
    }

    private static StepResult Catch(Catcher catcher, Failure failure, JsonNode? input, StateRun run)
    {
        try
        {
            return new StepSucceeded(run.DataFlow.CatchOutput(catcher, failure, input, run), catcher.Next);
        }
        catch (StatesException ex)
        {
            return Failed(ex, run);
        }
    }

    private static StepFailed Failed(StatesException ex, StateRun run)
    {
        var failure = new Failure(ex.Error, run.CausePrefix + ex.Cause);
        if (ex.Error == StatesErrorNames.QueryEvaluationError)
        {
            // AWS records a failed JSONata evaluation as its own event, once per attempt, naming the field.
            run.Frame.Record(new HistoryEvent
            {
                Type = HistoryEventTypes.EvaluationFailed,
                EvaluationFailedEventDetails = new EvaluationFailedEventDetails { State = run.State.Name, Error = failure.Error, Cause = failure.Cause, Location = ex.Location },
            });
        }

        return new StepFailed(failure);
    }

    private static int IndexOfMatch<T>(IReadOnlyList<T> entries, Func<T, IReadOnlyList<string>> errors, string? error)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            if (ErrorMatcher.Matches(errors(entries[i]), error))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>IntervalSeconds × BackoffRate^attempt, capped by MaxDelaySeconds; FULL jitter picks uniformly below that.</summary>
    public static TimeSpan Backoff(Retrier retrier, int attempt, Random random)
    {
        ArgumentNullException.ThrowIfNull(retrier);
        ArgumentNullException.ThrowIfNull(random);
        var seconds = retrier.IntervalSeconds * Math.Pow(retrier.BackoffRate, attempt);
        if (retrier.MaxDelaySeconds is { } max)
        {
            seconds = Math.Min(seconds, max);
        }

        seconds = Math.Min(seconds, 99999999);
        if (retrier.Jitter == JitterStrategy.Full)
        {
            seconds *= random.NextDouble();
        }

        return TimeSpan.FromSeconds(seconds);
    }
}
