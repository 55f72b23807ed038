using Orchestrator.Local.Tasks.Faults;

namespace Orchestrator.Local.Tasks;

/// <summary>How local ECS runs tasks. Region and account only shape ARNs; nothing talks to AWS.</summary>
public sealed record LocalEcsOptions
{
    /// <summary>Root of the per-task log files: &lt;logs&gt;/&lt;awslogs-stream-prefix&gt;/&lt;container&gt;/&lt;task-id&gt;.log.</summary>
    public required string LogsDirectory { get; init; }

    public string Region { get; init; } = "us-east-1";

    public string AccountId { get; init; } = "123456789012";

    /// <summary>The cluster a RunTask without Cluster runs in, as ECS does.</summary>
    public string DefaultCluster { get; init; } = "default";

    /// <summary>Run `docker run --rm IMAGE` when a Docker engine answers; otherwise (or when false) run the command as a process.</summary>
    public bool UseDocker { get; init; }

    /// <summary>The working directory of task processes; the current directory when null.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Where `docker` is looked up (PATH syntax); the process's PATH when null.</summary>
    public string? SearchPath { get; init; }

    public FaultPlan Faults { get; init; } = FaultPlan.None;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How long stopped tasks stay known, as DescribeTasks shows stopped tasks for about an hour.</summary>
    public TimeSpan StoppedTaskRetention { get; init; } = TimeSpan.FromHours(1);
}
