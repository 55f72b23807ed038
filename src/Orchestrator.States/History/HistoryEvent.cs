using System.Text.Json.Serialization;

namespace Orchestrator.States.History;

/// <summary>
/// One execution history event, shaped exactly like a GetExecutionHistory entry (camelCase; one *EventDetails member set,
/// matching Type). Inputs and outputs are JSON text, as AWS returns them.
/// </summary>
public sealed record HistoryEvent
{
    // Id, PreviousEventId and Timestamp are stamped by the execution when it appends the event (one allocation per event).
    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTimeOffset Timestamp { get; internal set; }

    public required string Type { get; init; }

    public long Id { get; internal set; }

    public long PreviousEventId { get; internal set; }

    // An event has one details member, so one field holds it (most of an event's size was unused detail slots).
    private object? _details;

    public ExecutionStartedEventDetails? ExecutionStartedEventDetails
    {
        get => _details as ExecutionStartedEventDetails;
        init => _details = value ?? _details;
    }

    public ExecutionSucceededEventDetails? ExecutionSucceededEventDetails
    {
        get => _details as ExecutionSucceededEventDetails;
        init => _details = value ?? _details;
    }

    public ErrorEventDetails? ExecutionFailedEventDetails
    {
        get => Type == HistoryEventTypes.ExecutionFailed ? _details as ErrorEventDetails : null;
        init => _details = value ?? _details;
    }

    public ErrorEventDetails? ExecutionAbortedEventDetails
    {
        get => Type == HistoryEventTypes.ExecutionAborted ? _details as ErrorEventDetails : null;
        init => _details = value ?? _details;
    }

    public ErrorEventDetails? ExecutionTimedOutEventDetails
    {
        get => Type == HistoryEventTypes.ExecutionTimedOut ? _details as ErrorEventDetails : null;
        init => _details = value ?? _details;
    }

    public ExecutionRedrivenEventDetails? ExecutionRedrivenEventDetails
    {
        get => _details as ExecutionRedrivenEventDetails;
        init => _details = value ?? _details;
    }

    public StateEnteredEventDetails? StateEnteredEventDetails
    {
        get => _details as StateEnteredEventDetails;
        init => _details = value ?? _details;
    }

    public StateExitedEventDetails? StateExitedEventDetails
    {
        get => _details as StateExitedEventDetails;
        init => _details = value ?? _details;
    }

    public TaskScheduledEventDetails? TaskScheduledEventDetails
    {
        get => _details as TaskScheduledEventDetails;
        init => _details = value ?? _details;
    }

    public TaskResourceEventDetails? TaskStartedEventDetails
    {
        get => _details as TaskResourceEventDetails;
        init => _details = value ?? _details;
    }

    public TaskOutputEventDetails? TaskSubmittedEventDetails
    {
        get => Type == HistoryEventTypes.TaskSubmitted ? _details as TaskOutputEventDetails : null;
        init => _details = value ?? _details;
    }

    public TaskOutputEventDetails? TaskSucceededEventDetails
    {
        get => Type == HistoryEventTypes.TaskSucceeded ? _details as TaskOutputEventDetails : null;
        init => _details = value ?? _details;
    }

    public TaskErrorEventDetails? TaskFailedEventDetails
    {
        get => Type == HistoryEventTypes.TaskFailed ? _details as TaskErrorEventDetails : null;
        init => _details = value ?? _details;
    }

    public TaskErrorEventDetails? TaskTimedOutEventDetails
    {
        get => Type == HistoryEventTypes.TaskTimedOut ? _details as TaskErrorEventDetails : null;
        init => _details = value ?? _details;
    }

    public MapStateStartedEventDetails? MapStateStartedEventDetails
    {
        get => _details as MapStateStartedEventDetails;
        init => _details = value ?? _details;
    }

    public MapIterationEventDetails? MapIterationStartedEventDetails
    {
        get => Type == HistoryEventTypes.MapIterationStarted ? _details as MapIterationEventDetails : null;
        init => _details = value ?? _details;
    }

    public MapIterationEventDetails? MapIterationSucceededEventDetails
    {
        get => Type == HistoryEventTypes.MapIterationSucceeded ? _details as MapIterationEventDetails : null;
        init => _details = value ?? _details;
    }

    public MapIterationEventDetails? MapIterationFailedEventDetails
    {
        get => Type == HistoryEventTypes.MapIterationFailed ? _details as MapIterationEventDetails : null;
        init => _details = value ?? _details;
    }

    public MapIterationEventDetails? MapIterationAbortedEventDetails
    {
        get => Type == HistoryEventTypes.MapIterationAborted ? _details as MapIterationEventDetails : null;
        init => _details = value ?? _details;
    }

    public EvaluationFailedEventDetails? EvaluationFailedEventDetails
    {
        get => _details as EvaluationFailedEventDetails;
        init => _details = value ?? _details;
    }
}

/// <summary>Whether a payload was truncated (never, locally; AWS truncates above 256 KiB).</summary>
public sealed record HistoryEventExecutionDataDetails
{
    /// <summary>Shared by every payload (the engine never truncates): one instance instead of one per event.</summary>
    public static HistoryEventExecutionDataDetails NotTruncated { get; } = new();

    public bool Truncated { get; init; }
}

public sealed record ExecutionStartedEventDetails
{
    private DeferredJson? _input;

    public string? Input
    {
        get => _input?.Text;
        init => _input = DeferredJson.OfText(value);
    }

    /// <summary>The payload as a node, printed when first read.</summary>
    internal DeferredJson? InputPayload
    {
        init => _input = value;
    }

    public HistoryEventExecutionDataDetails InputDetails { get; init; } = HistoryEventExecutionDataDetails.NotTruncated;

    public string? RoleArn { get; init; }

    public string? StateMachineAliasArn { get; init; }

    public string? StateMachineVersionArn { get; init; }
}

public sealed record ExecutionSucceededEventDetails
{
    private DeferredJson? _output;

    public string? Output
    {
        get => _output?.Text;
        init => _output = DeferredJson.OfText(value);
    }

    /// <summary>The payload as a node, printed when first read.</summary>
    internal DeferredJson? OutputPayload
    {
        init => _output = value;
    }

    public HistoryEventExecutionDataDetails OutputDetails { get; init; } = HistoryEventExecutionDataDetails.NotTruncated;
}

/// <summary>Error and cause of ExecutionFailed/Aborted/TimedOut (both optional, as in AWS).</summary>
public sealed record ErrorEventDetails
{
    public string? Error { get; init; }

    public string? Cause { get; init; }
}

public sealed record ExecutionRedrivenEventDetails
{
    public int RedriveCount { get; init; }
}

public sealed record StateEnteredEventDetails
{
    public required string Name { get; init; }

    private DeferredJson? _input;

    public string? Input
    {
        get => _input?.Text;
        init => _input = DeferredJson.OfText(value);
    }

    /// <summary>The payload as a node, printed when first read.</summary>
    internal DeferredJson? InputPayload
    {
        init => _input = value;
    }

    public HistoryEventExecutionDataDetails InputDetails { get; init; } = HistoryEventExecutionDataDetails.NotTruncated;
}

public sealed record StateExitedEventDetails
{
    public required string Name { get; init; }

    private DeferredJson? _output;

    public string? Output
    {
        get => _output?.Text;
        init => _output = DeferredJson.OfText(value);
    }

    /// <summary>The payload as a node, printed when first read.</summary>
    internal DeferredJson? OutputPayload
    {
        init => _output = value;
    }

    public HistoryEventExecutionDataDetails OutputDetails { get; init; } = HistoryEventExecutionDataDetails.NotTruncated;
}

public sealed record TaskScheduledEventDetails
{
    public required string ResourceType { get; init; }

    public required string Resource { get; init; }

    public required string Region { get; init; }

    private DeferredJson? _parameters;

    public string Parameters
    {
        get => _parameters?.Text ?? "null";
        init => _parameters = DeferredJson.OfText(value);
    }

    /// <summary>The payload as a node, printed when first read.</summary>
    internal DeferredJson? ParametersPayload
    {
        init => _parameters = value;
    }

    public long? TimeoutInSeconds { get; init; }

    public long? HeartbeatInSeconds { get; init; }
}

public sealed record TaskResourceEventDetails
{
    public required string ResourceType { get; init; }

    public required string Resource { get; init; }
}

public sealed record TaskOutputEventDetails
{
    public required string ResourceType { get; init; }

    public required string Resource { get; init; }

    private DeferredJson? _output;

    public string? Output
    {
        get => _output?.Text;
        init => _output = DeferredJson.OfText(value);
    }

    /// <summary>The payload as a node, printed when first read.</summary>
    internal DeferredJson? OutputPayload
    {
        init => _output = value;
    }

    public HistoryEventExecutionDataDetails OutputDetails { get; init; } = HistoryEventExecutionDataDetails.NotTruncated;
}

public sealed record TaskErrorEventDetails
{
    public required string ResourceType { get; init; }

    public required string Resource { get; init; }

    public string? Error { get; init; }

    public string? Cause { get; init; }
}

/// <summary>A JSONata expression of a state failed (States.QueryEvaluationError): which state, which field, why.</summary>
public sealed record EvaluationFailedEventDetails
{
    public required string State { get; init; }

    public string? Error { get; init; }

    public string? Cause { get; init; }

    public string? Location { get; init; }
}

public sealed record MapStateStartedEventDetails
{
    public int Length { get; init; }
}

public sealed record MapIterationEventDetails
{
    public required string Name { get; init; }

    public int Index { get; init; }
}

/// <summary>The event type names of GetExecutionHistory that this engine emits.</summary>
public static class HistoryEventTypes
{
    public const string ExecutionStarted = "ExecutionStarted";
    public const string ExecutionSucceeded = "ExecutionSucceeded";
    public const string ExecutionFailed = "ExecutionFailed";
    public const string ExecutionAborted = "ExecutionAborted";
    public const string ExecutionTimedOut = "ExecutionTimedOut";
    public const string ExecutionRedriven = "ExecutionRedriven";
    public const string TaskScheduled = "TaskScheduled";
    public const string TaskStarted = "TaskStarted";
    public const string TaskSubmitted = "TaskSubmitted";
    public const string TaskSucceeded = "TaskSucceeded";
    public const string TaskFailed = "TaskFailed";
    public const string TaskTimedOut = "TaskTimedOut";
    public const string MapStateStarted = "MapStateStarted";
    public const string MapStateSucceeded = "MapStateSucceeded";
    public const string MapStateFailed = "MapStateFailed";
    public const string MapStateAborted = "MapStateAborted";
    public const string MapIterationStarted = "MapIterationStarted";
    public const string MapIterationSucceeded = "MapIterationSucceeded";
    public const string MapIterationFailed = "MapIterationFailed";
    public const string MapIterationAborted = "MapIterationAborted";
    public const string ParallelStateStarted = "ParallelStateStarted";
    public const string ParallelStateSucceeded = "ParallelStateSucceeded";
    public const string ParallelStateFailed = "ParallelStateFailed";
    public const string ParallelStateAborted = "ParallelStateAborted";
    public const string WaitStateAborted = "WaitStateAborted";
    public const string EvaluationFailed = "EvaluationFailed";

    /// <summary>e.g. PassStateEntered, ChoiceStateExited.</summary>
    public static string Entered(string stateType) => stateType switch
    {
        "Pass" => "PassStateEntered",
        "Task" => "TaskStateEntered",
        "Choice" => "ChoiceStateEntered",
        "Wait" => "WaitStateEntered",
        "Succeed" => "SucceedStateEntered",
        "Fail" => "FailStateEntered",
        "Parallel" => "ParallelStateEntered",
        "Map" => "MapStateEntered",
        _ => stateType + "StateEntered",
    };

    public static string Exited(string stateType) => stateType switch
    {
        "Pass" => "PassStateExited",
        "Task" => "TaskStateExited",
        "Choice" => "ChoiceStateExited",
        "Wait" => "WaitStateExited",
        "Succeed" => "SucceedStateExited",
        "Fail" => "FailStateExited",
        "Parallel" => "ParallelStateExited",
        "Map" => "MapStateExited",
        _ => stateType + "StateExited",
    };
}
