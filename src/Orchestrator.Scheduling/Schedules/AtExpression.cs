using System.Globalization;

namespace Orchestrator.Scheduling.Schedules;

/// <summary><c>at(yyyy-mm-ddThh:mm:ss)</c>: a one-time schedule, in the schedule's time zone.</summary>
public sealed record AtExpression : ScheduleExpression
{
    /// <summary>The wall-clock time in the schedule's time zone.</summary>
    public required DateTime LocalTime { get; init; }

    public override string Describe() =>
        "once at " + LocalTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    internal static AtExpression? Parse(string text, string body, out string? error)
    {
        error = null;
        if (!DateTime.TryParseExact(body, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            error = $"'{text}': a one-time schedule is at(yyyy-mm-ddThh:mm:ss) with a real date and time, e.g. at(2026-11-21T03:00:00), without zone or fraction";
            return null;
        }

        return new AtExpression { Text = text, LocalTime = DateTime.SpecifyKind(local, DateTimeKind.Unspecified) };
    }
}
