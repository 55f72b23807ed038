using System.Text.Json.Nodes;
using Orchestrator.States.Errors;
using Orchestrator.States.History;
using Orchestrator.States.Json;
using Orchestrator.States.Model;

namespace Orchestrator.States.Execution;

/// <summary>Execution status names as DescribeExecution reports them.</summary>
public enum ExecutionStatus
{
    Running,
    Succeeded,
    Failed,
    TimedOut,
    Aborted,
}

/// <summary>How an execution ended: output for SUCCEEDED; error and cause (each optional) otherwise.</summary>
public sealed record ExecutionResult(ExecutionStatus Status, JsonNode? Output, string? Error, string? Cause)
{
    /// <summary>The AWS status string, e.g. SUCCEEDED, TIMED_OUT.</summary>
    public string StatusName => Names.Of(Status);

    /// <summary>{"status":"SUCCEEDED","output":...} or {"status":"FAILED","error":...,"cause":...} (absent fields omitted).</summary>
    public JsonObject ToJson()
    {
        var result = new JsonObject { ["status"] = StatusName };
        if (Status == ExecutionStatus.Succeeded)
        {
            result["output"] = JsonValues.Clone(Output);
            return result;
        }

        if (Error is not null)
        {
            result["error"] = Error;
        }

        if (Cause is not null)
        {
            result["cause"] = Cause;
        }

        return result;
    }

    private static class Names
    {
        public static string Of(ExecutionStatus status) => status switch
        {
            ExecutionStatus.Running => "RUNNING",
            ExecutionStatus.Succeeded => "SUCCEEDED",
            ExecutionStatus.Failed => "FAILED",
            ExecutionStatus.TimedOut => "TIMED_OUT",
            _ => "ABORTED",
        };
    }
}

/// <summary>What StartExecution carries.</summary>
public sealed record StartExecutionRequest
{
    /// <summary>Execution name (1-80 chars); a new GUID when null, as AWS does.</summary>
    public string? Name { get; init; }

    public JsonNode? Input { get; init; }

    public string StateMachineName { get; init; } = "local";

    public string? RoleArn { get; init; }
}

/// <summary>
/// One execution of a state machine. Runs in the background from Start; can be stopped (ABORTED), times out at the
/// machine's TimeoutSeconds (TIMED_OUT), and can be redriven after FAILED/ABORTED/TIMED_OUT: it resumes at the top-level
/// state that did not complete, with the same input and variables, RedriveCount + 1 and an ExecutionRedriven event.
/// </summary>
public sealed class StateMachineExecution
{
    /// <summary>Starts the cause of a failure that comes from a defect in this engine, not from the state machine.</summary>
    public const string InternalErrorPrefix = "Internal error in the local engine: ";

    // Replaced as soon as the execution begins; one shared completed task (results are immutable records).
    private static readonly Task<ExecutionResult> NotBegun = Task.FromResult(new ExecutionResult(ExecutionStatus.Running, null, null, null));
    private readonly ExecutionRun _run;
    private readonly VariableScope _variables = new(null);
    private readonly Lock _gate = new();
    private CancellationTokenSource? _stop;
    private (string? Error, string? Cause) _stopReason;
    private Task<ExecutionResult> _completion = NotBegun;

    internal StateMachineExecution(ExecutionRun run) => _run = run;

    public string ExecutionArn => _run.Identity.ExecutionArn;

    public string Name => _run.Identity.Name;

    public StateMachineDefinition Definition => _run.Definition;

    public JsonNode? Input => JsonValues.Clone(_run.Identity.Input);

    public DateTimeOffset StartDate => _run.Identity.StartTime;

    public DateTimeOffset? StopDate { get; private set; }

    public ExecutionStatus Status { get; private set; } = ExecutionStatus.Running;

    public ExecutionResult? Result { get; private set; }

    public int RedriveCount => _run.Identity.RedriveCount;

    public IReadOnlyList<HistoryEvent> History => _run.History.Events;

    /// <summary>Completes when the current run (first run or latest redrive) ends.</summary>
    public Task<ExecutionResult> Completion
    {
        get
        {
            lock (_gate)
            {
                return _completion;
            }
        }
    }

    /// <summary>The variables of the top-level scope (for inspection and tests).</summary>
    public IReadOnlyDictionary<string, JsonNode?> Variables => _variables.Snapshot();

    internal void Begin()
    {
        var input = _run.Identity.Input;
        _run.History.Append(new HistoryEvent
        {
            Type = HistoryEventTypes.ExecutionStarted,
            Timestamp = _run.Time.GetUtcNow(),
            ExecutionStartedEventDetails = new ExecutionStartedEventDetails { InputPayload = _run.Payload(input), RoleArn = _run.Identity.RoleArn },
        });
        LaunchLoop(null, JsonValues.Clone(input));
    }

    /// <summary>StopExecution: the execution ends ABORTED with the given error and cause.</summary>
    public void Stop(string? error = null, string? cause = null)
    {
        CancellationTokenSource? stop;
        lock (_gate)
        {
            if (Status != ExecutionStatus.Running)
            {
                return;
            }

            _stopReason = (error, cause);
            stop = _stop;
        }

        stop?.Cancel();
    }

    /// <summary>RedriveExecution: resumes a FAILED, ABORTED or TIMED_OUT execution at the state that did not complete.</summary>
    public Task<ExecutionResult> RedriveAsync()
    {
        (string State, JsonNode? Input) resume;
        (TaskCompletionSource<ExecutionResult> Completion, CancellationTokenSource Stop) run;
        lock (_gate)
        {
            if (Status is ExecutionStatus.Running or ExecutionStatus.Succeeded)
            {
                throw new InvalidOperationException($"Execution '{Name}' is {Status} and cannot be redriven: only FAILED, ABORTED or TIMED_OUT executions can.");
            }

            if (_run.History.LastId >= ExecutionHistory.MaxEvents - 1)
            {
                throw new InvalidOperationException($"Execution '{Name}' has {_run.History.LastId} history events; a redrive needs fewer than {ExecutionHistory.MaxEvents - 1}.");
            }

            if (_run.Position is not { } position)
            {
                throw new InvalidOperationException($"Execution '{Name}' never entered a state and cannot be redriven.");
            }

            var now = _run.Time.GetUtcNow();
            _run.Identity = _run.Identity with { RedriveCount = _run.Identity.RedriveCount + 1, RedriveTime = now };
            Status = ExecutionStatus.Running;
            Result = null;
            StopDate = null;
            _run.History.Append(new HistoryEvent
            {
                PreviousEventId = _run.History.LastId,
                Type = HistoryEventTypes.ExecutionRedriven,
                Timestamp = now,
                ExecutionRedrivenEventDetails = new ExecutionRedrivenEventDetails { RedriveCount = _run.Identity.RedriveCount },
            });
            resume = (position.State, JsonValues.Clone(position.Input));
            run = PrepareLoop();
        }

        // Launched outside the lock: with StartInline the run goes on on this thread.
        _ = CompleteAsync(run.Completion, resume.State, resume.Input, run.Stop);
        return run.Completion.Task;
    }

    private void LaunchLoop(string? startAt, JsonNode? input)
    {
        var (completion, stop) = PrepareLoop();
        _ = CompleteAsync(completion, startAt, input, stop);
    }

    /// <summary>A new stop switch and completion, published before the run starts so Stop and Completion see them.</summary>
    private (TaskCompletionSource<ExecutionResult> Completion, CancellationTokenSource Stop) PrepareLoop()
    {
        var stop = new CancellationTokenSource();
        var completion = new TaskCompletionSource<ExecutionResult>();
        lock (_gate)
        {
            _stop = stop;
            _stopReason = (null, null);
            _completion = completion.Task;
        }

        return (completion, stop);
    }

    private async Task CompleteAsync(TaskCompletionSource<ExecutionResult> completion, string? startAt, JsonNode? input, CancellationTokenSource stop)
    {
        try
        {
            completion.SetResult(await RunLoopAsync(startAt, input, stop));
        }
#pragma warning disable CA1031 // Whatever escapes must reach the awaiting caller, not vanish in a discarded task.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            completion.TrySetException(ex);
        }
    }

    private async ValueTask<ExecutionResult> RunLoopAsync(string? startAt, JsonNode? input, CancellationTokenSource stop)
    {
        if (!_run.Options.StartInline)
        {
            // Yield first so Start returns a running execution; the work continues on the thread pool.
            await Task.Yield();
        }

        // Without TimeoutSeconds the stop switch alone ends the run: no timer, no linked source.
        using var timeout = _run.Definition.TimeoutSeconds is { } seconds ? new CancellationTokenSource(TimeSpan.FromSeconds(seconds), _run.Time) : null;
        using var linked = timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(stop.Token, timeout.Token);
        var cancellation = linked?.Token ?? stop.Token;
        var frame = new Frame(_run, _variables, _run.History.LastId, cancellation) { IsRoot = true };
        ExecutionResult result;
        try
        {
            var outcome = await WorkflowRunner.RunAsync(_run.Definition.Root, input, frame, startAt);
            result = outcome switch
            {
                WorkflowSucceeded ok => new ExecutionResult(ExecutionStatus.Succeeded, ok.Output, null, null),
                WorkflowFailed failed => new ExecutionResult(ExecutionStatus.Failed, null, failed.Failure.Error, failed.Failure.Cause),
                _ => throw new InvalidOperationException("Unknown workflow result"),
            };
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            result = stop.IsCancellationRequested
                ? new ExecutionResult(ExecutionStatus.Aborted, null, _stopReason.Error, _stopReason.Cause)
                : new ExecutionResult(ExecutionStatus.TimedOut, null, StatesErrorNames.Timeout, "The execution timed out after " + _run.Definition.TimeoutSeconds + " seconds.");
        }
        catch (HistoryLimitExceededException ex)
        {
            result = new ExecutionResult(ExecutionStatus.Failed, null, StatesErrorNames.Runtime, ex.Message);
        }
#pragma warning disable CA1031 // An engine defect must still end the execution (FAILED, with what went wrong) rather than leave it RUNNING forever.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            result = new ExecutionResult(ExecutionStatus.Failed, null, StatesErrorNames.Runtime, InternalErrorPrefix + ex.GetType().Name + ": " + ex.Message);
        }

        Finish(result, frame.PreviousEventId);
        stop.Dispose();
        return result;
    }

    private void Finish(ExecutionResult result, long previous)
    {
        var now = _run.Time.GetUtcNow();
        _run.History.Append(terminal: true, e: result.Status switch
        {
            ExecutionStatus.Succeeded => new HistoryEvent
            {
                PreviousEventId = previous, Timestamp = now, Type = HistoryEventTypes.ExecutionSucceeded,
                ExecutionSucceededEventDetails = new ExecutionSucceededEventDetails { OutputPayload = _run.Payload(result.Output) },
            },
            ExecutionStatus.Failed => new HistoryEvent
            {
                PreviousEventId = previous, Timestamp = now, Type = HistoryEventTypes.ExecutionFailed,
                ExecutionFailedEventDetails = new ErrorEventDetails { Error = result.Error, Cause = result.Cause },
            },
            ExecutionStatus.TimedOut => new HistoryEvent
            {
                PreviousEventId = previous, Timestamp = now, Type = HistoryEventTypes.ExecutionTimedOut,
                ExecutionTimedOutEventDetails = new ErrorEventDetails { Error = result.Error, Cause = result.Cause },
            },
            _ => new HistoryEvent
            {
                PreviousEventId = previous, Timestamp = now, Type = HistoryEventTypes.ExecutionAborted,
                ExecutionAbortedEventDetails = new ErrorEventDetails { Error = result.Error, Cause = result.Cause },
            },
        });
        lock (_gate)
        {
            Status = result.Status;
            Result = result;
            StopDate = now;
        }
    }
}
