using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Orchestrator.Scheduling.Jobs;
using Orchestrator.Scheduling.Schedules;

namespace Orchestrator.Templates;

/// <summary>
/// One job: a ScheduleV2 event of a function, its schedule, and the job block in its Input. The Input keeps
/// EventBridge Scheduler's context attributes (<c>&lt;aws.scheduler.scheduled-time&gt;</c> ...) until
/// <see cref="RenderInput"/> fills them in for one firing, as Scheduler does.
/// </summary>
public sealed record TemplateJob
{
    public const string ScheduleArnPlaceholder = "<aws.scheduler.schedule-arn>";
    public const string ScheduledTimePlaceholder = ScheduleInput.ScheduledTimePlaceholder;
    public const string ExecutionIdPlaceholder = "<aws.scheduler.execution-id>";
    public const string AttemptNumberPlaceholder = "<aws.scheduler.attempt-number>";

    public required string FunctionLogicalId { get; init; }

    public required string EventName { get; init; }

    /// <summary>The schedule's name: Name, else SAM's default {FunctionLogicalId}{EventName}.</summary>
    public required string ScheduleName { get; init; }

    public string GroupName { get; init; } = "default";

    public required string ScheduleArn { get; init; }

    /// <summary>ScheduleExpression as written.</summary>
    public required string ScheduleExpression { get; init; }

    /// <summary>ScheduleExpressionTimezone, "UTC" when not set.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>The parsed schedule (expression, zone, bounds), or null when invalid (see Validate).</summary>
    public Schedule? Schedule { get; init; }

    public bool Enabled { get; init; } = true;

    public DateTimeOffset? StartDate { get; init; }

    public DateTimeOffset? EndDate { get; init; }

    /// <summary>FlexibleTimeWindow's MaximumWindowInMinutes when its Mode is FLEXIBLE; null when OFF (SAM's default).</summary>
    public int? FlexibleWindowMinutes { get; init; }

    /// <summary>Scheduler's RetryPolicy.MaximumRetryAttempts (AWS default 185).</summary>
    public int MaximumRetryAttempts { get; init; } = 185;

    /// <summary>Scheduler's RetryPolicy.MaximumEventAgeInSeconds (AWS default 86400).</summary>
    public int MaximumEventAgeSeconds { get; init; } = 86_400;

    /// <summary>The Input with intrinsics resolved and Scheduler's placeholders still in it.</summary>
    public string? Input { get; init; }

    /// <summary>The job block, parsed and validated by <see cref="JobBlock"/>; null when invalid (see Validate).</summary>
    public JobSpec? Spec { get; init; }

    /// <summary>Where the event is declared, e.g. Resources.StarterFunction.Properties.Events.NightlyReport.</summary>
    public required string Location { get; init; }

    /// <summary>
    /// The payload Scheduler would deliver for the firing at <paramref name="scheduledTime"/>: all four context attributes
    /// substituted (scheduled time in UTC as yyyy-MM-ddTHH:mm:ssZ). The execution id defaults to a stable hash of the
    /// schedule, time and attempt so replays are repeatable.
    /// </summary>
    public string RenderInput(DateTimeOffset scheduledTime, int attemptNumber = 1, string? executionId = null)
    {
        var time = scheduledTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        executionId ??= ExecutionId(time, attemptNumber);
        return (Input ?? "")
            .Replace(ScheduleArnPlaceholder, ScheduleArn, StringComparison.Ordinal)
            .Replace(ScheduledTimePlaceholder, time, StringComparison.Ordinal)
            .Replace(ExecutionIdPlaceholder, executionId, StringComparison.Ordinal)
            .Replace(AttemptNumberPlaceholder, attemptNumber.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    /// <summary>Parses the rendered Input for one firing, as the starter would receive it.</summary>
    public ScheduleInput? ParseInput(DateTimeOffset scheduledTime, out IReadOnlyList<string> problems) =>
        ScheduleInput.Parse(Encoding.UTF8.GetBytes(RenderInput(scheduledTime)), out problems);

    private string ExecutionId(string time, int attempt)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{ScheduleArn}|{time}|{attempt}")));
        return Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }
}
