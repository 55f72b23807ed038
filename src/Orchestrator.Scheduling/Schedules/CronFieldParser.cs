using System.Globalization;

namespace Orchestrator.Scheduling.Schedules;

/// <summary>One cron field's grammar: range, names, and which of the wildcards , - * / it allows.</summary>
internal sealed record CronFieldKind(string Name, int Min, int Max, bool AllowsStep, IReadOnlyList<string>? Names = null)
{
    public static readonly CronFieldKind Minutes = new("minutes", 0, 59, true);
    public static readonly CronFieldKind Hours = new("hours", 0, 23, true);
    public static readonly CronFieldKind DayOfMonth = new("day-of-month", 1, 31, true);
    public static readonly CronFieldKind Month = new("month", 1, 12, true, ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]);

    // AWS: day-of-week wildcards are , - * ? L # (no /); 1 = SUN.
    public static readonly CronFieldKind DayOfWeek = new("day-of-week", 1, 7, false, ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]);
    public static readonly CronFieldKind Year = new("year", 1970, 2199, true);

    public string Range => Names is null
        ? string.Create(CultureInfo.InvariantCulture, $"{Min}-{Max}")
        : string.Create(CultureInfo.InvariantCulture, $"{Min}-{Max} or {Names[0]}-{Names[^1]}");
}

/// <summary>Parses the list/range/step syntax shared by all cron fields into a <see cref="CronFieldSet"/>.</summary>
internal static class CronFieldParser
{
    public static CronFieldSet? Parse(string text, CronFieldKind kind, out string? error)
    {
        error = null;
        var set = new CronFieldSet(kind.Min, kind.Max);
        foreach (var item in text.Split(','))
        {
            if (item.Length == 0)
            {
                error = $"{kind.Name} field '{text}': empty item in the list; separate values with single commas, e.g. 1,15";
                return null;
            }

            if (!AddItem(item, text, kind, set, out error))
            {
                return null;
            }
        }

        return set;
    }

    /// <summary>Reads one value (a number or, where the field has them, a name such as JAN or MON).</summary>
    public static bool TryValue(string token, string fieldText, CronFieldKind kind, out int value, out string? error)
    {
        error = null;
        if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            if (value < kind.Min || value > kind.Max)
            {
                error = string.Create(CultureInfo.InvariantCulture, $"{kind.Name} field '{fieldText}': {value} is out of range; use {kind.Range}");
                return false;
            }

            return true;
        }

        if (kind.Names is not null)
        {
            for (var i = 0; i < kind.Names.Count; i++)
            {
                if (string.Equals(kind.Names[i], token, StringComparison.OrdinalIgnoreCase))
                {
                    value = kind.Min + i;
                    return true;
                }
            }
        }

        error = kind.Names is null
            ? $"{kind.Name} field '{fieldText}': '{token}' is not a number; use {kind.Range}"
            : $"{kind.Name} field '{fieldText}': unknown value '{token}'; use {kind.Range}";
        return false;
    }

    private static bool AddItem(string item, string fieldText, CronFieldKind kind, CronFieldSet set, out string? error)
    {
        error = null;
        var step = 1;
        var body = item;
        var slash = item.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (!kind.AllowsStep)
            {
                error = $"{kind.Name} field '{fieldText}': '/' is not allowed in {kind.Name}; list the days instead, e.g. 2,4,6";
                return false;
            }

            body = item[..slash];
            var stepText = item[(slash + 1)..];
            if (!int.TryParse(stepText, NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1)
            {
                error = $"{kind.Name} field '{fieldText}': the increment after '/' in '{item}' must be a positive whole number, e.g. */5";
                return false;
            }

            if (step > kind.Max - kind.Min + 1)
            {
                error = string.Create(CultureInfo.InvariantCulture, $"{kind.Name} field '{fieldText}': the increment {step} in '{item}' is larger than the field's range {kind.Min}-{kind.Max}");
                return false;
            }
        }

        int first, last;
        if (body == "*")
        {
            (first, last) = (kind.Min, kind.Max);
        }
        else
        {
            var dash = body.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0)
            {
                if (!TryValue(body, fieldText, kind, out first, out error))
                {
                    return false;
                }

                // "a/n" means from a to the end of the range in steps of n.
                last = slash >= 0 ? kind.Max : first;
            }
            else
            {
                if (!TryValue(body[..dash], fieldText, kind, out first, out error)
                    || !TryValue(body[(dash + 1)..], fieldText, kind, out last, out error))
                {
                    return false;
                }

                if (last < first)
                {
                    error = $"{kind.Name} field '{fieldText}': the range '{body}' runs backwards; write the smaller value first or split it into two ranges separated by a comma";
                    return false;
                }
            }
        }

        for (var value = first; value <= last; value += step)
        {
            set.Add(value);
        }

        return true;
    }
}
