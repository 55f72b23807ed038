using System.Globalization;
using System.Text.RegularExpressions;

namespace Orchestrator.Scheduling.Schedules;

/// <summary>Plain-English wording of a cron expression, e.g. "at 10:15 on the last Friday of every month, 2019-2022".</summary>
internal static partial class CronWording
{
    private static readonly string[] MonthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    private static readonly string[] DayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    public static string Describe(CronExpression cron)
    {
        var time = TimeOfDay(cron);
        var (days, needsMonth) = Days(cron);
        var months = cron.Months.IsFull
            ? (needsMonth ? " of every month" : "")
            : (needsMonth ? " of " : " in ") + Join(cron.Months, m => MonthNames[m - 1]);
        var years = cron.Years.IsFull ? "" : ", " + Join(cron.Years, y => y.ToString(CultureInfo.InvariantCulture), "-");
        // "every 15 minutes every day" says "every day" twice over.
        if (time.Contains("every", StringComparison.Ordinal) && days == "every day")
        {
            return $"{time}{months}{years}";
        }

        return $"{time} {days}{months}{years}";
    }

    private static string TimeOfDay(CronExpression cron)
    {
        var minutes = cron.Minutes.Values().ToList();
        var hours = cron.Hours.Values().ToList();
        var every = EveryStep().Match(cron.Fields[0]);
        var repeating = cron.Minutes.IsFull
            ? "every minute"
            : every.Success && every.Groups[1].Value is "*" or "0" && 60 % int.Parse(every.Groups[2].Value, CultureInfo.InvariantCulture) == 0
                ? "every " + every.Groups[2].Value + " minutes"
                : null;
        var minuteList = Join(cron.Minutes, m => m.ToString(CultureInfo.InvariantCulture));
        if (cron.Hours.IsFull)
        {
            return repeating
                ?? (minutes.Count == 1 && minutes[0] == 0 ? "every hour, on the hour" : $"at minute {minuteList} of every hour");
        }

        if (minutes.Count * hours.Count <= 6)
        {
            var times = hours.SelectMany(h => minutes.Select(m => string.Create(CultureInfo.InvariantCulture, $"{h:00}:{m:00}"))).ToList();
            return "at " + JoinWords(times);
        }

        // One run of hours reads as a window: "every 5 minutes from 08:00 to 17:59".
        var window = hours[^1] - hours[0] == hours.Count - 1
            ? string.Create(CultureInfo.InvariantCulture, $"from {hours[0]:00}:00 to {hours[^1]:00}:59")
            : "during hours " + Join(cron.Hours, h => h.ToString(CultureInfo.InvariantCulture));
        return $"{repeating ?? "at minute " + minuteList + " past the hour"} {window}";
    }

    /// <summary>The day phrase, and whether it reads "... of [month]" (true) or "... in [month]" (false).</summary>
    private static (string Phrase, bool NeedsMonth) Days(CronExpression cron)
    {
        var dom = cron.DayOfMonth;
        var dow = cron.DayOfWeek;
        if (dom.Kind == CronDayKind.Any)
        {
            return dow.Kind switch
            {
                CronDayKind.Set when dow.Set!.IsFull => ("every day", false),
                CronDayKind.Set => ("on " + Join(dow.Set!, d => DayNames[d - 1], " through "), false),
                CronDayKind.LastOfWeekday => ("on the last " + DayNames[dow.Day - 1], true),
                _ => ($"on the {CronDayRule.Ordinal(dow.Nth)} {DayNames[dow.Day - 1]}", true),
            };
        }

        return dom.Kind switch
        {
            CronDayKind.Set when dom.Set!.IsFull => ("every day", false),
            CronDayKind.Set => ("on day " + Join(dom.Set!, d => d.ToString(CultureInfo.InvariantCulture)), true),
            CronDayKind.LastDay => ("on the last day", true),
            CronDayKind.LastWeekday => ("on the last weekday", true),
            _ => ("on the weekday nearest day " + dom.Day.ToString(CultureInfo.InvariantCulture), true),
        };
    }

    /// <summary>Joins a set's values, folding runs of three or more into "first-last".</summary>
    private static string Join(CronFieldSet set, Func<int, string> name, string rangeWord = " through ")
    {
        var words = new List<string>();
        var values = set.Values().ToList();
        for (var i = 0; i < values.Count;)
        {
            var j = i;
            while (j + 1 < values.Count && values[j + 1] == values[j] + 1)
            {
                j++;
            }

            if (j - i >= 2)
            {
                words.Add(name(values[i]) + rangeWord + name(values[j]));
            }
            else
            {
                for (var k = i; k <= j; k++)
                {
                    words.Add(name(values[k]));
                }
            }

            i = j + 1;
        }

        return JoinWords(words);
    }

    private static string JoinWords(List<string> words) =>
        words.Count == 1 ? words[0] : string.Join(", ", words.Take(words.Count - 1)) + " and " + words[^1];

    [GeneratedRegex(@"^(\*|\d+)/(\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex EveryStep();
}
