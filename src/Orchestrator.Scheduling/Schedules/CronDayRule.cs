using System.Globalization;

namespace Orchestrator.Scheduling.Schedules;

/// <summary>How the day-of-month or day-of-week field picks days; exactly one of the two is <see cref="CronDayKind.Any"/> (?).</summary>
internal enum CronDayKind
{
    /// <summary><c>?</c>: the other field decides.</summary>
    Any,

    /// <summary>A set of days of the month (1-31) or of the week (1=SUN..7=SAT).</summary>
    Set,

    /// <summary>Day-of-month <c>L</c>: the last day of the month.</summary>
    LastDay,

    /// <summary>Day-of-month <c>LW</c>: the last weekday (Mon-Fri) of the month.</summary>
    LastWeekday,

    /// <summary>Day-of-month <c>nW</c>: the weekday nearest day n, never crossing into another month.</summary>
    NearestWeekday,

    /// <summary>Day-of-week <c>nL</c>: the last given weekday of the month (<c>L</c> alone is Saturday, a plain set).</summary>
    LastOfWeekday,

    /// <summary>Day-of-week <c>d#n</c>: the n-th given weekday of the month.</summary>
    NthWeekday,
}

/// <summary>One of the two day fields, parsed; <see cref="Days"/> computes the month's matching days as a bitmask.</summary>
internal sealed record CronDayRule(CronDayKind Kind, CronFieldSet? Set = null, int Day = 0, int Nth = 0)
{
    public static readonly CronDayRule AnyDay = new(CronDayKind.Any);

    /// <summary>Bit d (1..31) set when day d of the month matches this rule.</summary>
    public uint Days(int year, int month, bool isDayOfWeek)
    {
        var length = DateTime.DaysInMonth(year, month);
        var firstWeekday = (int)new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Unspecified).DayOfWeek; // 0 = Sunday
        switch (Kind)
        {
            case CronDayKind.Set when !isDayOfWeek:
            {
                uint mask = 0;
                for (var d = Set!.NextAtOrAfter(1); d > 0 && d <= length; d = d == 31 ? -1 : Set.NextAtOrAfter(d + 1))
                {
                    mask |= 1u << d;
                }

                return mask;
            }

            case CronDayKind.Set:
            {
                uint mask = 0;
                for (var d = 1; d <= length; d++)
                {
                    if (Set!.Contains(((firstWeekday + d - 1) % 7) + 1))
                    {
                        mask |= 1u << d;
                    }
                }

                return mask;
            }

            case CronDayKind.LastDay:
                return 1u << length;
            case CronDayKind.LastWeekday:
            {
                var weekday = (firstWeekday + length - 1) % 7;
                var day = weekday switch { 6 => length - 1, 0 => length - 2, _ => length };
                return 1u << day;
            }

            case CronDayKind.NearestWeekday:
            {
                if (Day > length)
                {
                    return 0;
                }

                var weekday = (firstWeekday + Day - 1) % 7;
                var day = weekday switch
                {
                    6 => Day == 1 ? Day + 2 : Day - 1, // Saturday: Friday before, or Monday after when the 1st
                    0 => Day == length ? Day - 2 : Day + 1, // Sunday: Monday after, or Friday before when the last day
                    _ => Day,
                };
                return 1u << day;
            }

            case CronDayKind.LastOfWeekday:
            {
                var lastWeekday = (firstWeekday + length - 1) % 7;
                var back = (lastWeekday - (Day - 1) + 7) % 7;
                return 1u << (length - back);
            }

            case CronDayKind.NthWeekday:
            {
                var first = 1 + (((Day - 1) - firstWeekday + 7) % 7);
                var day = first + (7 * (Nth - 1));
                return day <= length ? 1u << day : 0;
            }

            default:
                return 0;
        }
    }

    public static string Ordinal(int n) => n switch
    {
        1 => "first",
        2 => "second",
        3 => "third",
        4 => "fourth",
        5 => "fifth",
        _ => n.ToString(CultureInfo.InvariantCulture) + "th",
    };
}
