using System.Text.Json.Nodes;
using Orchestrator.States.Errors;
using Orchestrator.States.History;
using Orchestrator.States.Integrations;
using Orchestrator.States.Json;
using Orchestrator.States.Model;

namespace Orchestrator.States.Execution.States;

/// <summary>
/// Task: evaluates Parameters, then calls the mocked response for the state or the handler registered for the resource,
/// under TimeoutSeconds (which cancels the handler's token and fails with States.Timeout).
/// </summary>
internal sealed class TaskExecutor : IStateExecutor
{
    public async ValueTask<StepResult> ExecuteAsync(StateRun run, JsonNode? input)
    {
        var state = (TaskState)run.State;
        var execution = run.Frame.Execution;
        if (state.Resource.EndsWith(".waitForTaskToken", StringComparison.Ordinal))
        {
            run.TaskToken ??= Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
            run.Invalidate();
        }

        var effective = run.DataFlow.EffectiveInput(state, input, run);
        // JSONPath Parameters are resolved now and built only if the integration or the history reads them.
        var parameters = run.DataFlow is JsonPathDataFlow && state.Parameters is { } template
            ? PreparedPayload.Prepare(template, effective, run)
            : PreparedPayload.Of(run.DataFlow.Arguments(state, effective, run));
        var evaluation = new PathEvaluation(effective, run);
        var timeout = JsonataDataFlow.PositiveSeconds(state.Jsonata?.TimeoutSeconds, "TimeoutSeconds", effective, run) ?? Seconds(state.TimeoutSeconds, "TimeoutSeconds", evaluation);
        var heartbeat = JsonataDataFlow.PositiveSeconds(state.Jsonata?.HeartbeatSeconds, "HeartbeatSeconds", effective, run) ?? Seconds(state.HeartbeatSeconds, "HeartbeatSeconds", evaluation);
        var (resourceType, resource) = Describe(state.Resource);

        var frame = run.Frame;
        frame.Record(new HistoryEvent
        {
            Type = HistoryEventTypes.TaskScheduled,
            TaskScheduledEventDetails = new TaskScheduledEventDetails
            {
                ResourceType = resourceType,
                Resource = resource,
                Region = execution.Options.Region,
                ParametersPayload = DeferredJson.OfPrepared(parameters, execution.Options.EagerHistoryPayloads),
                TimeoutInSeconds = timeout,
                HeartbeatInSeconds = heartbeat,
            },
        });
        frame.Record(new HistoryEvent { Type = HistoryEventTypes.TaskStarted, TaskStartedEventDetails = new TaskResourceEventDetails { ResourceType = resourceType, Resource = resource } });

        var outcome = await InvokeAsync(state, parameters, run, timeout, heartbeat, output => frame.Record(new HistoryEvent
        {
            Type = HistoryEventTypes.TaskSubmitted,
            TaskSubmittedEventDetails = new TaskOutputEventDetails { ResourceType = resourceType, Resource = resource, OutputPayload = execution.Payload(output) },
        }));

        switch (outcome)
        {
            case TaskSucceeded succeeded:
                frame.Record(new HistoryEvent
                {
                    Type = HistoryEventTypes.TaskSucceeded,
                    TaskSucceededEventDetails = new TaskOutputEventDetails { ResourceType = resourceType, Resource = resource, OutputPayload = execution.Payload(succeeded.Output) },
                });
                return new StepSucceeded(run.DataFlow.Output(state, input, succeeded.Output, run), StateExecutors.NextOf(state));
            case TaskFailure failure when failure.Error is StatesErrorNames.Timeout or StatesErrorNames.HeartbeatTimeout:
                frame.Record(new HistoryEvent
                {
                    Type = HistoryEventTypes.TaskTimedOut,
                    TaskTimedOutEventDetails = new TaskErrorEventDetails { ResourceType = resourceType, Resource = resource, Error = failure.Error, Cause = failure.Cause },
                });
                return new StepFailed(new Failure(failure.Error, failure.Cause));
            default:
                var failed = (TaskFailure)outcome;
                frame.Record(new HistoryEvent
                {
                    Type = HistoryEventTypes.TaskFailed,
                    TaskFailedEventDetails = new TaskErrorEventDetails { ResourceType = resourceType, Resource = resource, Error = failed.Error, Cause = failed.Cause },
                });
                return new StepFailed(new Failure(failed.Error, failed.Cause));
        }
    }

    private static async Task<TaskOutcome> InvokeAsync(TaskState state, PreparedPayload parameters, StateRun run, long? timeout, long? heartbeat, Action<JsonNode?> submitted)
    {
        var execution = run.Frame.Execution;
        var invocationIndex = execution.NextInvocation(state.Name);
        // A mocked response answers at once: no timers to arm for it.
        if (execution.Options.Mocks?.For(state.Name, invocationIndex) is { } mocked)
        {
            return mocked;
        }

        if (!execution.Options.Tasks.TryResolve(state.Resource, out var handler))
        {
            return TaskOutcome.Failure(StatesErrorNames.Runtime,
                $"Task state '{state.Name}' calls resource '{state.Resource}', which has no mocked response and no registered integration in the local engine.");
        }

        using var timer = timeout is { } seconds
            ? new CancellationTokenSource(TimeSpan.FromSeconds(seconds), execution.Time)
            : new CancellationTokenSource();
        var heartbeatInterval = heartbeat is { } h ? TimeSpan.FromSeconds(h) : Timeout.InfiniteTimeSpan;
        // Created on the injected clock so CancelAfter (each heartbeat) also counts on it; none without HeartbeatSeconds.
        using var heartbeatTimer = heartbeat is null ? null : new CancellationTokenSource(heartbeatInterval, execution.Time);
        var invocation = new TaskInvocation
        {
            Resource = state.Resource,
            PreparedParameters = parameters,
            StateName = state.Name,
            InvocationIndex = invocationIndex,
            ExecutionArn = execution.Identity.ExecutionArn,
            ExecutionName = execution.Identity.Name,
            TaskToken = run.TaskToken,
            Submitted = submitted,
            Heartbeat = heartbeatTimer is null ? null : () => heartbeatTimer.CancelAfter(heartbeatInterval),
        };

        using var linked = heartbeatTimer is null
            ? CancellationTokenSource.CreateLinkedTokenSource(run.Frame.Cancellation, timer.Token)
            : CancellationTokenSource.CreateLinkedTokenSource(run.Frame.Cancellation, timer.Token, heartbeatTimer.Token);
        try
        {
            var outcome = await handler!.InvokeAsync(invocation, linked.Token);
            return Expired(timer, heartbeatTimer, run) ?? outcome;
        }
        catch (OperationCanceledException) when (Expired(timer, heartbeatTimer, run) is { } expired)
        {
            return expired;
        }
    }

    /// <summary>States.Timeout when TimeoutSeconds passed, States.HeartbeatTimeout when no heartbeat came in time.</summary>
    private static TaskFailure? Expired(CancellationTokenSource timeout, CancellationTokenSource? heartbeat, StateRun run)
    {
        if (run.Frame.Cancellation.IsCancellationRequested)
        {
            return null;
        }

        if (timeout.IsCancellationRequested)
        {
            return new TaskFailure(StatesErrorNames.Timeout, null);
        }

        return heartbeat is { IsCancellationRequested: true } ? new TaskFailure(StatesErrorNames.HeartbeatTimeout, null) : null;
    }

    private static long? Seconds(NumberField field, string name, PathEvaluation evaluation)
    {
        if (field.Value is { } literal)
        {
            return (long)literal;
        }

        if (field.Path is not { } path)
        {
            return null;
        }

        var value = evaluation.Resolve(path);
        if (!JsonValues.TryGetInt64(value, out var seconds) || seconds <= 0)
        {
            throw new StatesException(StatesErrorNames.Runtime,
                $"The {name}Path field refers to value \"{JsonValues.ToJson(value)}\" which is not a valid positive integer: {path.Text}");
        }

        return seconds;
    }

    /// <summary>Splits a resource ARN the way history events show it: arn:aws:states:::ecs:runTask.sync → ("ecs", "runTask.sync").</summary>
    public static (string ResourceType, string Resource) Describe(string arn)
    {
        ArgumentNullException.ThrowIfNull(arn);
        var parts = arn.Split(':');
        if (parts.Length >= 7 && parts[2] == "states" && parts[3].Length == 0)
        {
            return (parts[5], string.Join(':', parts.Skip(6)));
        }

        if (parts.Length >= 3 && parts[2] == "lambda")
        {
            return ("lambda", "invoke");
        }

        return (parts.Length >= 3 ? parts[2] : "unknown", arn);
    }
}
