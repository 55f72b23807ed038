using System.Collections.Immutable;

namespace Orchestrator.Ledger;

/// <summary>Where a run is in its life. Terminal: SUCCEEDED, FAILED, TIMED_OUT, ABORTED, SKIPPED.</summary>
public enum RunStatus
{
    Claimed,
    Running,
    Succeeded,
    Failed,
    TimedOut,
    Aborted,
    Skipped,
}

/// <summary>What caused a run: its schedule, or a person (console "New execution", CLI rerun).</summary>
public enum RunTrigger
{
    Schedule,
    Manual,
}

/// <summary>One run of a job as the ledger holds it (ARCHITECTURE.md §5).</summary>
public sealed record RunRecord
{
    public required string RunId { get; init; }

    public required string Job { get; init; }

    public required RunTrigger Trigger { get; init; }

    public required RunStatus Status { get; init; }

    /// <summary>Scheduled time for scheduled runs, execution start for manual ones; the by-job index sorts on it.</summary>
    public required DateTimeOffset RunAt { get; init; }

    public DateTimeOffset? ScheduledTime { get; init; }

    public ImmutableArray<RunAttempt> Attempts { get; init; } = [];

    public string? ExecutionArn { get; init; }

    public DateTimeOffset? ClaimedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public long? DurationMs { get; init; }

    /// <summary>Error name of a failed, timed-out or aborted run (e.g. States.TaskFailed).</summary>
    public string? Error { get; init; }

    public string? Cause { get; init; }

    /// <summary>Why a SKIPPED run was not started.</summary>
    public string? SkipReason { get; init; }

    /// <summary>How often the execution was redriven when the status was last written.</summary>
    public int RedriveCount { get; init; }

    /// <summary>awslogs stream prefix including the container name; an attempt's stream adds the task id.</summary>
    public string? LogStreamPrefix { get; init; }

    /// <summary>Exit code of the job's container in the last attempt that reported one.</summary>
    public int? ExitCode => Attempts.Reverse().Select(a => a.ExitCode).FirstOrDefault(code => code is not null);

    public bool IsTerminal => Status is not (RunStatus.Claimed or RunStatus.Running);
}

/// <summary>One ECS task launch within a run (a retry or a redrive adds one).</summary>
public sealed record RunAttempt
{
    /// <summary>succeeded | stopped (task ran or failed to start) | error (RunTask itself failed) | timed-out.</summary>
    public required string Kind { get; init; }

    public string? TaskArn { get; init; }

    public string? StopCode { get; init; }

    public string? StoppedReason { get; init; }

    public int? ExitCode { get; init; }

    /// <summary>Reason the container stopped, when ECS gives one (e.g. OutOfMemoryError).</summary>
    public string? ContainerReason { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? StoppedAt { get; init; }

    public string? LogStream { get; init; }

    /// <summary>Step Functions error name for error/timed-out attempts (ECS.AmazonECSException, States.Timeout...).</summary>
    public string? Error { get; init; }

    public string? Cause { get; init; }

    public int RedriveCount { get; init; }

    public DateTimeOffset? RecordedAt { get; init; }
}
