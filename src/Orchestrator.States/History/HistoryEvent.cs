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

    public ExecutionStartedEventDetails? ExecutionStartedEventDetails { get; init; }

    public ExecutionSucceededEventDetails? ExecutionSucceededEventDetails { get; init; }

    public ErrorEventDetails? ExecutionFailedEventDetails { get; init; }

    public ErrorEventDetails? ExecutionAbortedEventDetails { get; init; }

    public ErrorEventDetails? ExecutionTimedOutEventDetails { get; init; }

    public ExecutionRedrivenEventDetails? ExecutionRedrivenEventDetails { get; init; }

    public StateEnteredEventDetails? StateEnteredEventDetails { get; init; }

    public StateExitedEventDetails? StateExitedEventDetails { get; init; }

    public TaskScheduledEventDetails? TaskScheduledEventDetails { get; init; }

    public TaskResourceEventDetails? TaskStartedEventDetails { get; init; }

    public TaskOutputEventDetails? TaskSubmittedEventDetails { get; init; }

    public TaskOutputEventDetails? TaskSucceededEventDetails { get; init; }

    public TaskErrorEventDetails? TaskFailedEventDetails { get; init; }

    public TaskErrorEventDetails? TaskTimedOutEventDetails { get; init; }

    public MapStateStartedEventDetails? MapStateStartedEventDetails { get; init; }

    public MapIterationEventDetails? MapIterationStartedEventDetails { get; init; }

    public MapIterationEventDetails? MapIterationSucceededEventDetails { get; init; }

    public MapIterationEventDetails? MapIterationFailedEventDetails { get; init; }

    public MapIterationEventDetails? MapIterationAbortedEventDetails { get; init; }

    public EvaluationFailedEventDetails? EvaluationFailedEventDetails { get; init; }
}

/// <summary>Whether a payload was truncated (never, locally; AWS truncates above 256 KiB).</summary>
public sealed record HistoryEventExecutionDataDetails
{
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

    public HistoryEventExecutionDataDetails InputDetails { get; init; } = new();

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

    public HistoryEventExecutionDataDetails OutputDetails { get; init; } = new();
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

    public HistoryEventExecutionDataDetails InputDetails { get; init; } = new();
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

    public HistoryEventExecutionDataDetails OutputDetails { get; init; } = new();
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

    public HistoryEventExecutionDataDetails OutputDetails { get; init; } = new();
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
