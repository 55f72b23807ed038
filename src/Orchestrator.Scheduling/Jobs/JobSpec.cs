using System.Collections.Immutable;

namespace Orchestrator.Scheduling.Jobs;

/// <summary>
/// One scheduled job as declared in template.yaml (the Input of its ScheduleV2 event), after validation and defaults.
/// Everything the starter and the state machine need to run it; nothing environment-specific (cluster and network are
/// template parameters baked into the state machine).
/// </summary>
public sealed record JobSpec
{
    public required string Name { get; init; }

    public required TaskSpec Task { get; init; }

    /// <summary>Per-attempt limit; past it the task is stopped and the run ends TIMED_OUT.</summary>
    public int TimeoutSeconds { get; init; } = JobDefaults.TimeoutSeconds;

    public RetryPolicy Retry { get; init; } = new();

    public ConcurrencyPolicy Concurrency { get; init; } = ConcurrencyPolicy.Allow;

    /// <summary>A delivery whose scheduled time is older than this is recorded SKIPPED instead of run.</summary>
    public int StartingDeadlineSeconds { get; init; } = JobDefaults.StartingDeadlineSeconds;
}

/// <summary>The ECS task a job runs and its per-job overrides.</summary>
public sealed record TaskSpec
{
    /// <summary>Task definition ARN or family[:revision].</summary>
    public required string TaskDefinition { get; init; }

    /// <summary>The container the overrides apply to; its exit code decides the run.</summary>
    public required string Container { get; init; }

    public ImmutableArray<string> Command { get; init; } = [];

    /// <summary>Environment overrides, ordered by name so the execution input is deterministic.</summary>
    public ImmutableSortedDictionary<string, string> Environment { get; init; } = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Task-level CPU units override (e.g. "256"), or null to keep the task definition's.</summary>
    public string? Cpu { get; init; }

    /// <summary>Task-level memory (MiB) override, or null to keep the task definition's.</summary>
    public string? Memory { get; init; }

    /// <summary>awslogs stream prefix of the container, so a run record can name its log stream.</summary>
    public string? LogStreamPrefix { get; init; }
}

/// <summary>
/// Two budgets: launch failures (ENI, capacity, image-pull timeouts: the task never ran) are retried with bounded
/// exponential backoff; application exit codes are retried only when the job lists them.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>Total launch attempts, the first included.</summary>
    public int LaunchAttempts { get; init; } = JobDefaults.LaunchAttempts;

    public int LaunchBackoffSeconds { get; init; } = JobDefaults.LaunchBackoffSeconds;

    public double LaunchBackoffRate { get; init; } = JobDefaults.LaunchBackoffRate;

    public int LaunchMaxBackoffSeconds { get; init; } = JobDefaults.LaunchMaxBackoffSeconds;

    /// <summary>Non-zero exit codes worth another attempt. An exit code not listed here is never retried.</summary>
    public ImmutableArray<int> ExitCodes { get; init; } = [];

    /// <summary>Extra attempts allowed for listed exit codes.</summary>
    public int ExitCodeRetries { get; init; } = JobDefaults.ExitCodeRetries;

    public int ExitCodeRetryDelaySeconds { get; init; } = JobDefaults.ExitCodeRetryDelaySeconds;

    /// <summary>
    /// The wait before each launch retry: interval × rate^n, capped. Computed here, once, so the state machine only
    /// indexes an array (ASL JSONPath has no arithmetic beyond MathAdd).
    /// </summary>
    public ImmutableArray<int> LaunchDelays()
    {
        var delays = ImmutableArray.CreateBuilder<int>(Math.Max(0, LaunchAttempts - 1));
        double delay = LaunchBackoffSeconds;
        for (var retry = 1; retry < LaunchAttempts; retry++)
        {
            delays.Add((int)Math.Min(Math.Round(delay), LaunchMaxBackoffSeconds));
            delay *= LaunchBackoffRate;
        }

        return delays.MoveToImmutable();
    }
}

/// <summary>What to do when a slot fires while the job's previous run is still running.</summary>
public enum ConcurrencyPolicy
{
    /// <summary>Runs may overlap.</summary>
    Allow,

    /// <summary>The new slot is recorded SKIPPED.</summary>
    Forbid,
}

/// <summary>Defaults for fields a job block may leave out.</summary>
public static class JobDefaults
{
    public const int TimeoutSeconds = 3600;
    public const int StartingDeadlineSeconds = 900;
    public const int LaunchAttempts = 5;
    public const int LaunchBackoffSeconds = 10;
    public const double LaunchBackoffRate = 2.0;
    public const int LaunchMaxBackoffSeconds = 300;
    public const int ExitCodeRetries = 0;
    public const int ExitCodeRetryDelaySeconds = 0;

    /// <summary>Run records expire (DynamoDB TTL) this long after their scheduled time.</summary>
    public const int RetentionDays = 90;
}
