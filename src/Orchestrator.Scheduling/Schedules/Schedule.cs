using System.Globalization;

namespace Orchestrator.Scheduling.Schedules;

/// <summary>
/// A schedule as EventBridge Scheduler runs it: an expression evaluated in an IANA time zone (default UTC), optionally
/// bounded by StartDate (inclusive) and EndDate (exclusive: "the date, in UTC, before which the schedule can invoke its
/// target"). One-time schedules ignore both bounds, as AWS does.
/// </summary>
public sealed record Schedule
{
    public required ScheduleExpression Expression { get; init; }

    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>The time zone name as written (ScheduleExpressionTimezone), "UTC" when not given.</summary>
    public string TimeZoneId { get; init; } = "UTC";

    public DateTimeOffset? StartDate { get; init; }

    public DateTimeOffset? EndDate { get; init; }

    /// <summary>
    /// Builds a schedule from template text; returns null and every problem (expression, time zone, bounds) when invalid.
    /// </summary>
    public static Schedule? Create(string? expression, string? timeZoneId, DateTimeOffset? startDate, DateTimeOffset? endDate, out IReadOnlyList<string> problems)
    {
        var found = new List<string>();
        problems = found;
        if (!ScheduleExpression.TryParse(expression, out var parsed, out var error))
        {
            found.Add(error!);
        }

        var zone = TimeZoneInfo.Utc;
        var zoneId = string.IsNullOrEmpty(timeZoneId) ? "UTC" : timeZoneId;
        if (!ScheduleTimeZone.TryFind(zoneId, out zone, out var zoneError))
        {
            found.Add(zoneError!);
        }

        if (parsed is not AtExpression && startDate is not null && endDate is not null && endDate <= startDate)
        {
            found.Add($"EndDate {Utc(endDate.Value)} must be after StartDate {Utc(startDate.Value)}");
        }

        return found.Count > 0
            ? null
            : new Schedule { Expression = parsed!, TimeZone = zone!, TimeZoneId = zoneId, StartDate = startDate, EndDate = endDate };
    }

    /// <summary>
    /// The first fire time strictly after <paramref name="after"/>, or null when the schedule has no more.
    /// <paramref name="startedAt"/> anchors rate schedules without a StartDate (AWS: such a schedule "starts invoking its
    /// target immediately"): in local mode, the time local mode started.
    /// </summary>
    public DateTimeOffset? NextFireTime(DateTimeOffset after, DateTimeOffset? startedAt = null)
    {
        DateTimeOffset? next = Expression switch
        {
            AtExpression at => NextAt(at, after),
            RateExpression rate => rate.NextAfter(StartDate ?? startedAt
                ?? throw new InvalidOperationException($"{rate.Text} has no StartDate: pass the time the schedule started (startedAt) to anchor it"), Bounded(after)),
            CronExpression cron => NextCron(cron, Bounded(after)),
            _ => null,
        };
        return next is { } time && Expression is not AtExpression && EndDate is { } end && time >= end ? null : next;
    }

    /// <summary>Fire times strictly after <paramref name="after"/>, in order, lazily.</summary>
    public IEnumerable<DateTimeOffset> FireTimes(DateTimeOffset after, DateTimeOffset? startedAt = null)
    {
        var current = after;
        while (NextFireTime(current, startedAt) is { } next)
        {
            yield return next;
            current = next;
        }
    }

    /// <summary>The fire times in (<paramref name="from"/>, <paramref name="to"/>]: what a clock that slept should catch up on.</summary>
    public IEnumerable<DateTimeOffset> FireTimesBetween(DateTimeOffset from, DateTimeOffset to, DateTimeOffset? startedAt = null) =>
        FireTimes(from, startedAt).TakeWhile(time => time <= to);

    /// <summary>Plain-English wording, with the time zone when it is not UTC: "at 03:00 every day (Europe/Berlin)".</summary>
    public string Describe()
    {
        var text = Expression.Describe();
        if (Expression is not AtExpression)
        {
            if (StartDate is { } start)
            {
                text += ", from " + Utc(start);
            }

            if (EndDate is { } end)
            {
                text += ", until " + Utc(end);
            }
        }

        return TimeZoneId is "UTC" or "Etc/UTC" || Expression is RateExpression ? text : $"{text} ({TimeZoneId})";
    }

    public override string ToString() => Describe();

    // StartDate is inclusive: an instant equal to it may fire, so search from just before it.
    private DateTimeOffset Bounded(DateTimeOffset after) =>
        StartDate is { } start && after < start ? start.AddTicks(-1) : after;

    private DateTimeOffset? NextAt(AtExpression at, DateTimeOffset after)
    {
        var utc = ToUtc(at.LocalTime);
        return utc is { } time && time > after ? time : null;
    }

    private DateTimeOffset? NextCron(CronExpression cron, DateTimeOffset after)
    {
        var local = TimeZoneInfo.ConvertTime(after, TimeZone).DateTime;
        while (cron.NextLocal(local) is { } candidate)
        {
            // Spring forward: a wall-clock time that does not exist is skipped. Fall back: the first occurrence only.
            if (ToUtc(candidate) is { } utc && utc > after)
            {
                return utc;
            }

            local = candidate;
        }

        return null;
    }

    /// <summary>The instant of a wall-clock time in the schedule's zone: null in a DST gap, the earlier instant in an overlap.</summary>
    private DateTimeOffset? ToUtc(DateTime local)
    {
        if (TimeZone.IsInvalidTime(local))
        {
            return null;
        }

        var offset = TimeZone.IsAmbiguousTime(local) ? TimeZone.GetAmbiguousTimeOffsets(local).Max() : TimeZone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    private static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>Resolves ScheduleExpressionTimezone names (IANA, e.g. Europe/Berlin) to the system's time zone data.</summary>
public static class ScheduleTimeZone
{
    public static bool TryFind(string id, out TimeZoneInfo? zone, out string? error)
    {
        error = null;
        if (id is "UTC" or "Etc/UTC")
        {
            zone = TimeZoneInfo.Utc;
            return true;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (TimeZoneNotFoundException)
        {
            error = $"unknown time zone '{id}'; use an IANA name such as Europe/Berlin, America/New_York or UTC";
        }
        catch (InvalidTimeZoneException ex)
        {
            error = $"the time zone data for '{id}' is invalid on this machine ({ex.Message})";
        }

        zone = null;
        return false;
    }
}
