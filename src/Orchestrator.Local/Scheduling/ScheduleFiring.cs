using Orchestrator.Scheduling.Schedules;

namespace Orchestrator.Local.Scheduling;

/// <summary>One schedule the live scheduler keeps: a name for reports, the schedule, and how late a firing may still go out.</summary>
public sealed record ScheduledJob
{
    public required string Name { get; init; }

    public required Schedule Schedule { get; init; }

    /// <summary>Scheduler drops an event older than its RetryPolicy's MaximumEventAgeInSeconds (default 24 h); so does a catch-up here.</summary>
    public TimeSpan MaximumEventAge { get; init; } = TimeSpan.FromDays(1);

    /// <summary>
    /// FlexibleTimeWindow FLEXIBLE's MaximumWindowInMinutes: each slot goes out at a random moment within this long after
    /// it, as Scheduler "invokes the target within N minutes after the scheduled time". Zero is Mode OFF: on the slot.
    /// </summary>
    public TimeSpan FlexibleWindow { get; init; }

    /// <summary>What the caller wants back with each firing (e.g. the template job), so dispatch needs no lookup.</summary>
    public object? Tag { get; init; }
}

/// <summary>One slot of one schedule, handed to the dispatcher.</summary>
public sealed record ScheduleFiring
{
    public required ScheduledJob Job { get; init; }

    /// <summary>The slot: the value of &lt;aws.scheduler.scheduled-time&gt;.</summary>
    public required DateTimeOffset ScheduledTime { get; init; }

    /// <summary>The scheduler's clock when it handed the slot over (with a flexible window, up to the window after the slot).</summary>
    public required DateTimeOffset DispatchedAt { get; init; }

    /// <summary>How late the slot went out, in the scheduler's (possibly scaled) time.</summary>
    public TimeSpan Lag => DispatchedAt - ScheduledTime;
}
