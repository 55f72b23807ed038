using System.Globalization;

namespace Orchestrator.Scheduling.Schedules;

/// <summary>
/// <c>cron(minutes hours day-of-month month day-of-week year)</c> with EventBridge's rules: day-of-month allows
/// <c>L</c>, <c>LW</c>, <c>nW</c>; day-of-week (1=SUN..7=SAT) allows <c>L</c>, <c>nL</c>, <c>d#n</c>; exactly one of the two
/// day fields is <c>?</c>. Fields are bitsets built once; <see cref="NextLocal"/> walks years, months, days, hours and
/// minutes by bit scans.
/// </summary>
public sealed record CronExpression : ScheduleExpression
{
    internal CronFieldSet Minutes { get; init; } = null!;

    internal CronFieldSet Hours { get; init; } = null!;

    internal CronDayRule DayOfMonth { get; init; } = null!;

    internal CronFieldSet Months { get; init; } = null!;

    internal CronDayRule DayOfWeek { get; init; } = null!;

    internal CronFieldSet Years { get; init; } = null!;

    /// <summary>The six fields as written: minutes, hours, day-of-month, month, day-of-week, year.</summary>
    public required IReadOnlyList<string> Fields { get; init; }

    /// <summary>
    /// The first wall-clock minute strictly after <paramref name="localAfter"/> that matches, or null when none is left
    /// before the end of 2199 (the last year the year field allows).
    /// </summary>
    public DateTime? NextLocal(DateTime localAfter)
    {
        var start = new DateTime(localAfter.Year, localAfter.Month, localAfter.Day, localAfter.Hour, localAfter.Minute, 0, DateTimeKind.Unspecified).AddMinutes(1);
        for (var year = Years.NextAtOrAfter(start.Year); year > 0; year = year == Years.Max ? -1 : Years.NextAtOrAfter(year + 1))
        {
            var sameYear = year == start.Year;
            for (var month = Months.NextAtOrAfter(sameYear ? start.Month : 1); month > 0; month = month == 12 ? -1 : Months.NextAtOrAfter(month + 1))
            {
                var sameMonth = sameYear && month == start.Month;
                var days = MatchingDays(year, month);
                var fromDay = sameMonth ? start.Day : 1;
                days &= uint.MaxValue << fromDay;
                while (days != 0)
                {
                    var day = System.Numerics.BitOperations.TrailingZeroCount(days);
                    days &= days - 1;
                    var sameDay = sameMonth && day == start.Day;
                    for (var hour = Hours.NextAtOrAfter(sameDay ? start.Hour : 0); hour >= 0; hour = hour == 23 ? -1 : Hours.NextAtOrAfter(hour + 1))
                    {
                        var minute = Minutes.NextAtOrAfter(sameDay && hour == start.Hour ? start.Minute : 0);
                        if (minute >= 0)
                        {
                            return new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
                        }
                    }
                }
            }
        }

        return null;
    }

    /// <summary>Bit d set for every day d of the month the two day fields select.</summary>
    internal uint MatchingDays(int year, int month) => DayOfMonth.Kind == CronDayKind.Any
        ? DayOfWeek.Days(year, month, isDayOfWeek: true)
        : DayOfMonth.Days(year, month, isDayOfWeek: false);

    public override string Describe() => CronWording.Describe(this);

    // The bitsets are derived from the text: two parses of the same text are the same schedule.
    public bool Equals(CronExpression? other) => other is not null && string.Equals(Text, other.Text, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    internal static CronExpression? Parse(string text, string body, out string? error)
    {
        var fields = body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 6)
        {
            error = string.Create(CultureInfo.InvariantCulture,
                $"'{text}': a cron expression has six fields (minutes hours day-of-month month day-of-week year), found {fields.Length}")
                + (fields.Length == 5 ? "; add the year field, e.g. * for every year" : "");
            return null;
        }

        var minutes = CronFieldParser.Parse(fields[0], CronFieldKind.Minutes, out error);
        var hours = minutes is null ? null : CronFieldParser.Parse(fields[1], CronFieldKind.Hours, out error);
        var dayOfMonth = hours is null ? null : ParseDayOfMonth(fields[2], out error);
        var months = dayOfMonth is null ? null : CronFieldParser.Parse(fields[3], CronFieldKind.Month, out error);
        var dayOfWeek = months is null ? null : ParseDayOfWeek(fields[4], out error);
        var years = dayOfWeek is null ? null : CronFieldParser.Parse(fields[5], CronFieldKind.Year, out error);
        if (years is null)
        {
            error = $"'{text}': {error}";
            return null;
        }

        // AWS: "If you specify a value or a * (asterisk) in one of the fields, you must use a ? (question mark) in the other."
        var domAny = dayOfMonth!.Kind == CronDayKind.Any;
        var dowAny = dayOfWeek!.Kind == CronDayKind.Any;
        if (!domAny && !dowAny)
        {
            error = $"'{text}': day-of-month and day-of-week cannot both be set; use ? in one of them, e.g. cron({fields[0]} {fields[1]} {fields[2]} {fields[3]} ? {fields[5]})";
            return null;
        }

        if (domAny && dowAny)
        {
            error = $"'{text}': day-of-month and day-of-week cannot both be ?; use * in one of them, e.g. cron({fields[0]} {fields[1]} * {fields[3]} ? {fields[5]})";
            return null;
        }

        return new CronExpression
        {
            Text = text,
            Fields = fields,
            Minutes = minutes!,
            Hours = hours!,
            DayOfMonth = dayOfMonth,
            Months = months!,
            DayOfWeek = dayOfWeek,
            Years = years,
        };
    }

    private static CronDayRule? ParseDayOfMonth(string field, out string? error)
    {
        error = null;
        var kind = CronFieldKind.DayOfMonth;
        if (field == "?")
        {
            return CronDayRule.AnyDay;
        }

        if (field.Contains('?', StringComparison.Ordinal))
        {
            error = $"day-of-month field '{field}': ? must stand alone";
            return null;
        }

        var upper = field.ToUpperInvariant();
        if (upper == "L")
        {
            return new CronDayRule(CronDayKind.LastDay);
        }

        if (upper == "LW")
        {
            return new CronDayRule(CronDayKind.LastWeekday);
        }

        if (upper.Contains('L', StringComparison.Ordinal) || upper.Contains('W', StringComparison.Ordinal))
        {
            if (upper.Contains(',', StringComparison.Ordinal) || upper.Contains('-', StringComparison.Ordinal) || upper.Contains('/', StringComparison.Ordinal))
            {
                error = $"day-of-month field '{field}': L and W must stand alone (L, LW or one day such as 15W), not in a list, range or increment";
                return null;
            }

            if (upper.EndsWith('W') && upper.IndexOf('L', StringComparison.Ordinal) < 0)
            {
                if (!CronFieldParser.TryValue(upper[..^1], field, kind, out var day, out error))
                {
                    return null;
                }

                return new CronDayRule(CronDayKind.NearestWeekday, Day: day);
            }

            error = $"day-of-month field '{field}': use L (last day), LW (last weekday) or nW (weekday nearest day n, e.g. 15W)";
            return null;
        }

        var set = CronFieldParser.Parse(field, kind, out error);
        return set is null ? null : new CronDayRule(CronDayKind.Set, set);
    }

    private static CronDayRule? ParseDayOfWeek(string field, out string? error)
    {
        error = null;
        var kind = CronFieldKind.DayOfWeek;
        if (field == "?")
        {
            return CronDayRule.AnyDay;
        }

        if (field.Contains('?', StringComparison.Ordinal))
        {
            error = $"day-of-week field '{field}': ? must stand alone";
            return null;
        }

        var upper = field.ToUpperInvariant();
        if (upper.Contains('#', StringComparison.Ordinal))
        {
            // AWS: "If you use a '#' character, you can define only one expression in the day-of-week field."
            if (upper.Contains(',', StringComparison.Ordinal) || upper.Contains('-', StringComparison.Ordinal))
            {
                error = $"day-of-week field '{field}': # allows only one expression in day-of-week (e.g. 3#2 for the second Tuesday); remove the list or range";
                return null;
            }

            var parts = upper.Split('#');
            if (parts.Length != 2 || !CronFieldParser.TryValue(parts[0], field, kind, out var weekday, out error))
            {
                error ??= $"day-of-week field '{field}': write day#n, e.g. 3#2 for the second Tuesday of the month";
                return null;
            }

            if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var nth) || nth is < 1 or > 5)
            {
                error = $"day-of-week field '{field}': the number after # must be 1-5 (which occurrence in the month), e.g. 3#2";
                return null;
            }

            return new CronDayRule(CronDayKind.NthWeekday, Day: weekday, Nth: nth);
        }

        if (upper.Contains('L', StringComparison.Ordinal))
        {
            if (upper.Contains(',', StringComparison.Ordinal) || upper.Contains('-', StringComparison.Ordinal))
            {
                error = $"day-of-week field '{field}': L must stand alone (L, or one day such as 6L for the last Friday), not in a list or range";
                return null;
            }

            // L alone is the last day of the week, Saturday (7).
            var dayText = upper[..^1];
            if (!upper.EndsWith('L') || dayText.Contains('L', StringComparison.Ordinal))
            {
                error = $"day-of-week field '{field}': write dL for the last given weekday of the month, e.g. 6L for the last Friday";
                return null;
            }

            if (dayText.Length == 0)
            {
                var saturday = new CronFieldSet(1, 7);
                saturday.Add(7);
                return new CronDayRule(CronDayKind.Set, saturday);
            }

            if (!CronFieldParser.TryValue(dayText, field, kind, out var weekday, out error))
            {
                return null;
            }

            return new CronDayRule(CronDayKind.LastOfWeekday, Day: weekday);
        }

        var set = CronFieldParser.Parse(field, kind, out error);
        return set is null ? null : new CronDayRule(CronDayKind.Set, set);
    }
}
