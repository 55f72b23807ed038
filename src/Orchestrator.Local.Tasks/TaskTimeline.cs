namespace Orchestrator.Local.Tasks;

/// <summary>How a task ended: ECS's StopCode and StoppedReason, the essential container's exit code and reason.</summary>
public sealed record TaskEnd(string StopCode, string StoppedReason, int? ExitCode, string? ContainerReason = null)
{
    public const string EssentialContainerExited = "EssentialContainerExited";
    public const string TaskFailedToStart = "TaskFailedToStart";
    public const string UserInitiated = "UserInitiated";

    public static TaskEnd Exited(int exitCode) => new(EssentialContainerExited, "Essential container in task exited", exitCode);

    public static TaskEnd FailedToStart(string reason) => new(TaskFailedToStart, reason, null, reason);

    public static TaskEnd StoppedByUser(int? exitCode) => new(UserInitiated, "Task stopped by user", exitCode);
}

/// <summary>The lifecycle timestamps DescribeTasks reports, in epoch milliseconds; null until reached.</summary>
public sealed class TaskTimeline(long createdAt)
{
    public long CreatedAt { get; } = createdAt;

    public long? PullStartedAt { get; set; }

    public long? PullStoppedAt { get; set; }

    public long? StartedAt { get; set; }

    public long? StoppingAt { get; set; }

    public long? ExecutionStoppedAt { get; set; }

    public long? StoppedAt { get; set; }
}
