using System.Globalization;

namespace Orchestrator.Scheduling.Schedules;

/// <summary>
/// <c>rate(value unit)</c>: fires every <see cref="Interval"/> from the schedule's start. A day is a 24-hour duration
/// on the clock (AWS: "days represents a 24-hour duration"), so rates ignore daylight saving changes.
/// </summary>
public sealed record RateExpression : ScheduleExpression
{
    public required int Value { get; init; }

    public required RateUnit Unit { get; init; }

    public TimeSpan Interval => Unit switch
    {
        RateUnit.Minutes => TimeSpan.FromMinutes(Value),
        RateUnit.Hours => TimeSpan.FromHours(Value),
        _ => TimeSpan.FromDays(Value),
    };

    public override string Describe()
    {
        var singular = Unit switch { RateUnit.Minutes => "minute", RateUnit.Hours => "hour", _ => "day" };
        return Value == 1 ? $"every {singular}" : string.Create(CultureInfo.InvariantCulture, $"every {Value} {singular}s");
    }

    /// <summary>The first fire at or after <paramref name="anchor"/> strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset anchor, DateTimeOffset after)
    {
        if (after < anchor)
        {
            return anchor;
        }

        var periods = ((after - anchor).Ticks / Interval.Ticks) + 1;
        return anchor + TimeSpan.FromTicks(periods * Interval.Ticks);
    }

    internal static RateExpression? Parse(string text, string body, out string? error)
    {
        error = null;
        var parts = body.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
        {
            error = $"'{text}': a rate expression is rate(value unit) with a whole number and one of minute, minutes, hour, hours, day, days, e.g. rate(5 minutes)";
            return null;
        }

        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
        {
            error = $"'{text}': the rate value '{parts[0]}' must be a positive whole number, e.g. rate(5 minutes)";
            return null;
        }

        var (unit, plural) = parts[1] switch
        {
            "minute" => (RateUnit.Minutes, false),
            "minutes" => (RateUnit.Minutes, true),
            "hour" => (RateUnit.Hours, false),
            "hours" => (RateUnit.Hours, true),
            "day" => (RateUnit.Days, false),
            "days" => (RateUnit.Days, true),
            _ => ((RateUnit?)null, false),
        };
        if (unit is null)
        {
            error = $"'{text}': unknown rate unit '{parts[1]}'; use minute(s), hour(s) or day(s)";
            return null;
        }

        // AWS: "If the value is equal to 1, then the unit must be singular. If the value is greater than 1, the unit must be plural."
        var word = parts[1].TrimEnd('s');
        if (value == 1 && plural)
        {
            error = $"'{text}': a rate of 1 needs the singular unit; write rate(1 {word})";
            return null;
        }

        if (value > 1 && !plural)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"'{text}': a rate above 1 needs the plural unit; write rate({value} {word}s)");
            return null;
        }

        return new RateExpression { Text = text, Value = value, Unit = unit.Value };
    }
}

public enum RateUnit
{
    Minutes,
    Hours,
    Days,
}
