using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Orchestrator.Jsonata.Evaluation;

namespace Orchestrator.Jsonata.Functions;

/// <summary>$now, $fromMillis and $toMillis with XPath date/time picture strings.</summary>
internal static partial class DateTimeFunctions
{
    private static readonly string[] MonthNames =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static readonly string[] DayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    public static object? Now(object?[] a, CallSite site)
    {
        var millis = (double)site.Context.Now.ToUnixTimeMilliseconds();
        return FromMillis([millis, a.Length > 0 ? a[0] : null, a.Length > 1 ? a[1] : null], site);
    }

    public static object? FromMillis(object?[] a, CallSite site)
    {
        if (a[0] is not double millis)
        {
            return null;
        }

        var picture = a.Length > 1 ? a[1] as string : null;
        var timezone = a.Length > 2 ? a[2] as string : null;
        var offset = timezone is null ? TimeSpan.Zero : ParseTimezone(timezone, site);
        if (millis < -62135596800000d || millis > 253402300799999d)
        {
            throw Errors.Create("D1001", site.Position, value: millis);
        }

        var instant = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Floor(millis)).ToOffset(offset);
        if (picture is null)
        {
            if (timezone is null)
            {
                return instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            }

            picture = "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]";
        }

        return Format(instant, picture, site);
    }

    public static object? ToMillis(object?[] a, CallSite site)
    {
        if (a[0] is not string text)
        {
            return null;
        }

        var picture = a.Length > 1 ? a[1] as string : null;
        if (picture is null)
        {
            var m = IsoTimestamp().Match(text);
            if (!m.Success)
            {
                throw Errors.Create("D3110", site.Position, value: text);
            }

            var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
            var month = m.Groups["mo"].Success ? int.Parse(m.Groups["mo"].Value, CultureInfo.InvariantCulture) : 1;
            var day = m.Groups["d"].Success ? int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture) : 1;
            var hour = m.Groups["h"].Success ? int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture) : 0;
            var minute = m.Groups["mi"].Success ? int.Parse(m.Groups["mi"].Value, CultureInfo.InvariantCulture) : 0;
            var second = m.Groups["s"].Success ? int.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
            var fraction = m.Groups["f"].Success ? double.Parse("0." + m.Groups["f"].Value, CultureInfo.InvariantCulture) : 0;
            var zone = TimeSpan.Zero;
            if (m.Groups["z"].Success && m.Groups["z"].Value != "Z")
            {
                zone = ParseTimezone(m.Groups["z"].Value.Replace(":", string.Empty, StringComparison.Ordinal), site);
            }

            try
            {
                var dto = new DateTimeOffset(year, month, day, hour, minute, second, zone);
                return (double)dto.ToUnixTimeMilliseconds() + Math.Round(fraction * 1000);
            }
            catch (ArgumentOutOfRangeException)
            {
                throw Errors.Create("D3110", site.Position, value: text);
            }
        }

        return ParseWithPicture(text, picture, site);
    }

    [GeneratedRegex(@"^(?<y>\d{4})(-(?<mo>\d{2})(-(?<d>\d{2})(T(?<h>\d{2}):(?<mi>\d{2}):(?<s>\d{2})(\.(?<f>\d+))?(?<z>Z|[+-]\d{2}:?\d{2})?)?)?)?$")]
    private static partial Regex IsoTimestamp();

    private static TimeSpan ParseTimezone(string tz, CallSite site)
    {
        var sign = tz.StartsWith('-') ? -1 : 1;
        var digits = tz.TrimStart('+', '-');
        if (digits.Length < 4 || !int.TryParse(digits.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            || !int.TryParse(digits.AsSpan(digits.Length - 2, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m))
        {
            return TimeSpan.Zero;
        }

        _ = site;
        return new TimeSpan(sign * h, sign * m, 0);
    }

    private sealed record Marker(char Component, string Presentation, bool Ordinal, bool Traditional, int MinWidth, int MaxWidth);

    private static List<object> ParsePicture(string picture, CallSite site)
    {
        var parts = new List<object>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < picture.Length)
        {
            var c = picture[i];
            if (c == '[' && i + 1 < picture.Length && picture[i + 1] == '[')
            {
                literal.Append('[');
                i += 2;
                continue;
            }

            if (c == ']' && i + 1 < picture.Length && picture[i + 1] == ']')
            {
                literal.Append(']');
                i += 2;
                continue;
            }

            if (c != '[')
            {
                literal.Append(c);
                i++;
                continue;
            }

            var end = picture.IndexOf(']', i);
            if (end < 0)
            {
                throw Errors.Create("D3135", site.Position);
            }

            if (literal.Length > 0)
            {
                parts.Add(literal.ToString());
                literal.Clear();
            }

            var spec = new string(picture.AsSpan(i + 1, end - i - 1).ToArray().Where(ch => !char.IsWhiteSpace(ch)).ToArray());
            parts.Add(ParseMarker(spec, site));
            i = end + 1;
        }

        if (literal.Length > 0)
        {
            parts.Add(literal.ToString());
        }

        return parts;
    }

    private static Marker ParseMarker(string spec, CallSite site)
    {
        var component = spec[0];
        if ("YMDdFWwXxHhPmsfZzCE".IndexOf(component, StringComparison.Ordinal) < 0)
        {
            throw Errors.Create("D3132", site.Position, value: component.ToString());
        }

        var rest = spec[1..];
        var minWidth = -1;
        var maxWidth = -1;
        var comma = rest.LastIndexOf(',');
        if (comma >= 0)
        {
            var widths = rest[(comma + 1)..].Split('-');
            minWidth = widths[0] is "*" or "" ? -1 : int.Parse(widths[0], CultureInfo.InvariantCulture);
            if (widths.Length > 1)
            {
                maxWidth = widths[1] is "*" or "" ? -1 : int.Parse(widths[1], CultureInfo.InvariantCulture);
            }

            rest = rest[..comma];
        }

        var ordinal = false;
        var traditional = false;
        if (rest.Length > 1 && rest[^1] is 'o' or 't' && !(rest is "Nn" or "Ww"))
        {
            ordinal = rest[^1] == 'o';
            traditional = rest[^1] == 't';
            rest = rest[..^1];
        }
        else if (rest is "o" or "t")
        {
            ordinal = rest == "o";
            traditional = rest == "t";
            rest = string.Empty;
        }

        if (rest.Length == 0)
        {
            rest = component switch
            {
                'F' or 'P' or 'C' or 'E' => "n",
                'm' or 's' => "01",
                'Z' or 'z' => "01:01",
                _ => "1",
            };
        }

        if (rest is "N" or "n" or "Nn" && component is not ('M' or 'F' or 'P' or 'C' or 'E' or 'Z' or 'z'))
        {
            throw Errors.Create("D3133", site.Position, value: component.ToString());
        }

        return new Marker(component, rest, ordinal, traditional, minWidth, maxWidth);
    }

    private static string Format(DateTimeOffset t, string picture, CallSite site)
    {
        var sb = new StringBuilder();
        foreach (var part in ParsePicture(picture, site))
        {
            if (part is string literal)
            {
                sb.Append(literal);
                continue;
            }

            var marker = (Marker)part;
            sb.Append(FormatComponent(t, marker));
        }

        return sb.ToString();
    }

    private static string FormatComponent(DateTimeOffset t, Marker marker)
    {
        switch (marker.Component)
        {
            case 'Y':
                {
                    var text = FormatNumberComponent(t.Year, marker);
                    var digitWidth = marker.Presentation.Count(char.IsDigit);
                    var max = marker.MaxWidth > 0 ? marker.MaxWidth : digitWidth == 2 || marker.MinWidth == 2 ? 2 : -1;
                    return max > 0 && text.Length > max && char.IsDigit(text[0]) ? text[^max..] : text;
                }

            case 'M':
                return IsName(marker) ? Name(MonthNames[t.Month - 1], marker) : FormatNumberComponent(t.Month, marker);
            case 'D':
                return FormatNumberComponent(t.Day, marker);
            case 'd':
                return FormatNumberComponent(t.DayOfYear, marker);
            case 'F':
                {
                    var dow = ((int)t.DayOfWeek + 6) % 7; // Monday = 0
                    return IsName(marker) ? Name(DayNames[dow], marker) : FormatNumberComponent(dow + 1, marker);
                }

            case 'W':
                return FormatNumberComponent(ISOWeek.GetWeekOfYear(t.DateTime), marker);
            case 'X':
                return FormatNumberComponent(ISOWeek.GetYear(t.DateTime), marker);
            case 'w':
                return FormatNumberComponent(WeekOfMonth(t.DateTime), marker);
            case 'x':
                return FormatNumberComponent(MonthOfWeek(t.DateTime), marker);
            case 'H':
                return FormatNumberComponent(t.Hour, marker);
            case 'h':
                {
                    var h = t.Hour % 12;
                    return FormatNumberComponent(h == 0 ? 12 : h, marker);
                }

            case 'P':
                return Name(t.Hour < 12 ? "am" : "pm", marker);
            case 'm':
                return FormatNumberComponent(t.Minute, marker);
            case 's':
                return FormatNumberComponent(t.Second, marker);
            case 'f':
                {
                    // a fraction: trailing zeros go down to the minimum width, digits beyond the maximum are cut
                    var ms = t.Millisecond.ToString("000", CultureInfo.InvariantCulture);
                    var min = Math.Max(Math.Max(marker.Presentation.Count(char.IsDigit), marker.MinWidth), 1);
                    while (ms.Length > min && ms.EndsWith('0'))
                    {
                        ms = ms[..^1];
                    }

                    ms = ms.PadRight(min, '0');
                    return marker.MaxWidth > 0 && ms.Length > marker.MaxWidth ? ms[..marker.MaxWidth] : ms;
                }

            case 'Z':
            case 'z':
                {
                    var offset = t.Offset;
                    if (marker.Traditional && offset == TimeSpan.Zero)
                    {
                        return "Z";
                    }

                    var sign = offset < TimeSpan.Zero ? "-" : "+";
                    var hours = Math.Abs(offset.Hours);
                    var minutes = Math.Abs(offset.Minutes);
                    var p = marker.Presentation;
                    string text;
                    if (p.Contains(':', StringComparison.Ordinal))
                    {
                        var hourWidth = p.IndexOf(':', StringComparison.Ordinal);
                        text = sign + hours.ToString(new string('0', hourWidth), CultureInfo.InvariantCulture) + ":" + minutes.ToString("00", CultureInfo.InvariantCulture);
                    }
                    else if (p.Length <= 2)
                    {
                        text = sign + hours.ToString(new string('0', p.Length), CultureInfo.InvariantCulture)
                            + (minutes != 0 ? ":" + minutes.ToString("00", CultureInfo.InvariantCulture) : string.Empty);
                    }
                    else
                    {
                        text = sign + hours.ToString(new string('0', p.Length - 2), CultureInfo.InvariantCulture) + minutes.ToString("00", CultureInfo.InvariantCulture);
                    }

                    return marker.Component == 'z' ? "GMT" + text : text;
                }

            case 'C':
                return "ISO";
            case 'E':
                return Name("AD", marker);
            default:
                return string.Empty;
        }
    }

    private static bool IsName(Marker marker) => marker.Presentation is "N" or "n" or "Nn";

    private static string Name(string name, Marker marker)
    {
        if (marker.MaxWidth > 0 && name.Length > marker.MaxWidth)
        {
            name = name[..marker.MaxWidth];
        }

        return marker.Presentation switch
        {
            "N" => name.ToUpperInvariant(),
            "n" => name.ToLowerInvariant(),
            _ => char.ToUpperInvariant(name[0]) + name[1..].ToLowerInvariant(),
        };
    }

    private static string FormatNumberComponent(int value, Marker marker)
    {
        var p = marker.Presentation;
        string text;
        switch (p)
        {
            case "I":
                text = IntegerFormatting.ToRoman(value).ToUpperInvariant();
                break;
            case "i":
                text = IntegerFormatting.ToRoman(value);
                break;
            case "W":
                text = IntegerFormatting.ToWords(value, marker.Ordinal).ToUpperInvariant();
                break;
            case "w":
                text = IntegerFormatting.ToWords(value, marker.Ordinal);
                break;
            case "Ww":
                text = string.Join(' ', IntegerFormatting.ToWords(value, marker.Ordinal).Split(' ').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
                break;
            case "A":
                text = IntegerFormatting.ToLetters(value).ToUpperInvariant();
                break;
            case "a":
                text = IntegerFormatting.ToLetters(value);
                break;
            default:
                {
                    var width = Math.Max(p.Count(char.IsDigit), marker.MinWidth);
                    text = value.ToString(CultureInfo.InvariantCulture).PadLeft(Math.Max(width, 1), '0');
                    if (marker.Ordinal)
                    {
                        var lastTwo = value % 100;
                        text += lastTwo is >= 11 and <= 13 ? "th" : (value % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
                    }

                    break;
                }
        }

        return text;
    }

    private static int WeekOfMonth(DateTime date)
    {
        // week of month: weeks start on Monday; a week belongs to the month holding its Thursday
        var thursday = date.AddDays(3 - (((int)date.DayOfWeek + 6) % 7));
        var firstOfMonth = new DateTime(thursday.Year, thursday.Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var firstThursday = firstOfMonth.AddDays((3 - (((int)firstOfMonth.DayOfWeek + 6) % 7) + 7) % 7);
        return ((thursday - firstThursday).Days / 7) + 1;
    }

    private static int MonthOfWeek(DateTime date)
    {
        var thursday = date.AddDays(3 - (((int)date.DayOfWeek + 6) % 7));
        return thursday.Month;
    }

    private static object? ParseWithPicture(string text, string picture, CallSite site)
    {
        var parts = ParsePicture(picture, site);
        int? year = null, month = null, day = null, hour = null, minute = null, second = null, millis = null, dayOfYear = null;
        var pm = (bool?)null;
        var offset = TimeSpan.Zero;
        var pos = 0;
        for (var k = 0; k < parts.Count; k++)
        {
            if (parts[k] is string literal)
            {
                if (string.CompareOrdinal(text, pos, literal, 0, literal.Length) != 0)
                {
                    return null;
                }

                pos += literal.Length;
                continue;
            }

            var marker = (Marker)parts[k];
            var nextIsMarker = k + 1 < parts.Count && parts[k + 1] is Marker;
            if (IsName(marker) || marker.Component == 'P')
            {
                var start = pos;
                while (pos < text.Length && char.IsLetter(text[pos]))
                {
                    pos++;
                }

                var word = text[start..pos];
                switch (marker.Component)
                {
                    case 'M':
                        month = Array.FindIndex(MonthNames, n => n.StartsWith(word, StringComparison.OrdinalIgnoreCase) && word.Length >= 3) + 1;
                        break;
                    case 'P':
                        pm = word.Equals("pm", StringComparison.OrdinalIgnoreCase);
                        break;
                }

                continue;
            }

            if (marker.Component is 'Z' or 'z')
            {
                if (marker.Component == 'z' && string.CompareOrdinal(text, pos, "GMT", 0, 3) == 0)
                {
                    pos += 3;
                }

                if (pos < text.Length && text[pos] == 'Z')
                {
                    pos++;
                    continue;
                }

                var start = pos;
                while (pos < text.Length && (char.IsDigit(text[pos]) || text[pos] is '+' or '-' or ':'))
                {
                    pos++;
                }

                offset = ParseTimezone(text[start..pos].Replace(":", string.Empty, StringComparison.Ordinal), site);
                continue;
            }

            var digitsStart = pos;
            var fixedWidth = nextIsMarker ? Math.Max(marker.Presentation.Count(char.IsDigit), 1) : int.MaxValue;
            while (pos < text.Length && char.IsDigit(text[pos]) && pos - digitsStart < fixedWidth)
            {
                pos++;
            }

            if (pos == digitsStart)
            {
                return null;
            }

            var number = int.Parse(text.AsSpan(digitsStart, pos - digitsStart), CultureInfo.InvariantCulture);
            if (marker.Ordinal)
            {
                while (pos < text.Length && char.IsAsciiLetterLower(text[pos]))
                {
                    pos++;
                }
            }

            switch (marker.Component)
            {
                case 'Y': year = number; break;
                case 'M': month = number; break;
                case 'D': day = number; break;
                case 'd': dayOfYear = number; break;
                case 'H': hour = number; break;
                case 'h': hour = number; break;
                case 'm': minute = number; break;
                case 's': second = number; break;
                case 'f': millis = number; break;
            }
        }

        if (year is null && month is null && day is null && dayOfYear is null && hour is null && minute is null)
        {
            throw Errors.Create("D3136", site.Position);
        }

        var h = hour ?? 0;
        if (pm == true && h < 12)
        {
            h += 12;
        }
        else if (pm == false && h == 12)
        {
            h = 0;
        }

        // components more significant than any given one come from today; less significant ones start at their minimum
        var today = site.Context.Now.ToOffset(offset);
        if (year is null && month is null && day is null && dayOfYear is null)
        {
            year = today.Year;
            month = today.Month;
            day = today.Day;
        }
        else if (year is null && month is null && day is not null)
        {
            year = today.Year;
            month = today.Month;
        }

        var y = year ?? today.Year;
        DateTimeOffset result;
        if (dayOfYear is { } doy)
        {
            result = new DateTimeOffset(y, 1, 1, h, minute ?? 0, second ?? 0, offset).AddDays(doy - 1);
        }
        else
        {
            result = new DateTimeOffset(y, month ?? 1, day ?? 1, h, minute ?? 0, second ?? 0, offset);
        }

        return (double)(result.ToUnixTimeMilliseconds() + (millis ?? 0));
    }
}
