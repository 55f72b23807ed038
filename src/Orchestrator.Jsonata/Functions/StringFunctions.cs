using System.Globalization;
using System.Text;
using Orchestrator.Jsonata.Evaluation;

namespace Orchestrator.Jsonata.Functions;

internal static partial class FunctionLibrary
{
    private static object? StringFn(object?[] a, CallSite site)
    {
        if (a[0] is null)
        {
            return null;
        }

        var pretty = a.Length > 1 && a[1] is true;
        return StringCast.Of(a[0], site.Position, pretty);
    }

    // JSONata counts and slices strings by Unicode code point, not UTF-16 unit.
    private static string[] CodePoints(string s)
    {
        var list = new List<string>(s.Length);
        foreach (var rune in s.EnumerateRunes())
        {
            list.Add(rune.ToString());
        }

        return list.ToArray();
    }

    private static object? Length(object?[] a, CallSite site) =>
        a[0] is string s ? (double)s.EnumerateRunes().Count() : null;

    private static object? Substring(object?[] a, CallSite site)
    {
        if (a[0] is not string s)
        {
            return null;
        }

        var chars = CodePoints(s);
        var length = chars.Length;
        var start = a.Length > 1 && a[1] is double startArg ? ToInteger(startArg) : 0;
        if (length + start < 0)
        {
            start = 0;
        }

        double end;
        if (a.Length > 2 && a[2] is double count)
        {
            if (count <= 0)
            {
                return string.Empty;
            }

            end = start >= 0 ? start + count : length + start + count;
        }
        else
        {
            end = length;
        }

        return Slice(chars, start, end);
    }

    private static double ToInteger(double d) => double.IsNaN(d) ? 0 : Math.Truncate(d);

    // Array.prototype.slice semantics
    private static string Slice(string[] chars, double start, double end)
    {
        var len = chars.Length;
        start = ToInteger(start);
        end = ToInteger(end);
        var from = (int)(start < 0 ? Math.Max(len + start, 0) : Math.Min(start, len));
        var to = (int)(end < 0 ? Math.Max(len + end, 0) : Math.Min(end, len));
        var sb = new StringBuilder();
        for (var i = from; i < to; i++)
        {
            sb.Append(chars[i]);
        }

        return sb.ToString();
    }

    private static object? SubstringBefore(object?[] a, CallSite site)
    {
        if (a[0] is not string s || a[1] is not string chars)
        {
            return a[0] is string s2 ? s2 : null;
        }

        var pos = s.IndexOf(chars, StringComparison.Ordinal);
        return pos > -1 ? s[..pos] : s;
    }

    private static object? SubstringAfter(object?[] a, CallSite site)
    {
        if (a[0] is not string s || a[1] is not string chars)
        {
            return a[0] is string s2 ? s2 : null;
        }

        var pos = s.IndexOf(chars, StringComparison.Ordinal);
        return pos > -1 ? s[(pos + chars.Length)..] : s;
    }

    private static object? Trim(object?[] a, CallSite site)
    {
        if (a[0] is not string s)
        {
            return null;
        }

        var sb = new StringBuilder(s.Length);
        var inSpace = false;
        foreach (var c in s)
        {
            if (c is ' ' or '\t' or '\n' or '\r')
            {
                if (!inSpace)
                {
                    sb.Append(' ');
                }

                inSpace = true;
            }
            else
            {
                sb.Append(c);
                inSpace = false;
            }
        }

        var result = sb.ToString();
        if (result.StartsWith(' '))
        {
            result = result[1..];
        }

        if (result.EndsWith(' '))
        {
            result = result[..^1];
        }

        return result;
    }

    private static object? Pad(object?[] a, CallSite site)
    {
        if (a[0] is not string s)
        {
            return null;
        }

        if (a.Length < 2 || a[1] is not double width)
        {
            return s;
        }

        if (Math.Abs(width) > 10_000_000)
        {
            // a string that long is never intended and would exhaust memory
            throw Errors.Create("D1001", site.Position, value: width);
        }

        var padChar = a.Length > 2 && a[2] is string { Length: > 0 } p ? p : " ";
        var padLength = (int)(Math.Abs(width) - CodePoints(s).Length);
        if (padLength <= 0)
        {
            return s;
        }

        var sb = new StringBuilder();
        for (var i = 0; i < padLength; i++)
        {
            sb.Append(padChar);
        }

        var padding = Slice(CodePoints(sb.ToString()), 0, padLength);
        return width > 0 ? s + padding : padding + s;
    }

    private static object? Contains(object?[] a, CallSite site)
    {
        if (a[0] is not string s)
        {
            return null;
        }

        return a[1] switch
        {
            string token => Boxes.Bool(s.Contains(token, StringComparison.Ordinal)),
            FunctionValue matcher => Boxes.Bool(EvaluateMatcher(matcher, s, site) is not null),
            _ => Boxes.False,
        };
    }

    /// <summary>Runs a matcher (a regex or a custom function returning the match object structure) over a string.</summary>
    internal static JObject? EvaluateMatcher(FunctionValue matcher, string s, CallSite site)
    {
        var result = site.Apply(matcher, s);
        if (result is null)
        {
            return null;
        }

        if (result is not JObject match || match.GetValueOrDefault("start") is not double
            || match.GetValueOrDefault("end") is not double || match.GetValueOrDefault("groups") is not JArray
            || match.GetValueOrDefault("match") is not string)
        {
            throw Errors.Create("T1010", site.Position, token: site.Name);
        }

        return match;
    }

    private static void RefuseEmptyMatch(JObject match, CallSite site)
    {
        if (match["match"] is string { Length: 0 })
        {
            throw Errors.Create("D1004", site.Position);
        }
    }

    private static JObject? NextMatch(JObject match, CallSite site) =>
        match.GetValueOrDefault("next") is FunctionValue next ? site.Apply(next) as JObject : null;

    private static object? Split(object?[] a, CallSite site)
    {
        if (a[0] is not string s)
        {
            return null;
        }

        double? limit = a.Length > 2 && a[2] is double l ? l : null;
        if (limit < 0)
        {
            throw Errors.Create("D3020", site.Position, value: limit);
        }

        var result = new JArray();
        if (limit is null || limit > 0)
        {
            var max = limit is { } lim ? (int)Math.Min(lim, int.MaxValue) : int.MaxValue;
            if (a[1] is string separator)
            {
                IEnumerable<string> parts = separator.Length == 0
                    ? s.Select(c => c.ToString())
                    : s.Split(separator);
                foreach (var part in parts.Take(max))
                {
                    result.Add(part);
                }
            }
            else if (a[1] is FunctionValue matcher)
            {
                var count = 0;
                var start = 0;
                var match = EvaluateMatcher(matcher, s, site);
                while (match is not null && count < max)
                {
                    RefuseEmptyMatch(match, site);
                    var mStart = (int)(double)match["start"]!;
                    result.Add(s[start..mStart]);
                    start = (int)(double)match["end"]!;
                    match = NextMatch(match, site);
                    count++;
                }

                if (count < max)
                {
                    result.Add(s[start..]);
                }
            }
        }

        return result;
    }

    private static object? Join(object?[] a, CallSite site)
    {
        if (a[0] is not JArray strings)
        {
            return null;
        }

        var separator = a.Length > 1 && a[1] is string sep ? sep : string.Empty;
        return string.Join(separator, strings.Select(x => (string)x!));
    }

    private static object? Match(object?[] a, CallSite site)
    {
        if (a[0] is not string s)
        {
            return null;
        }

        double? limit = a.Length > 2 && a[2] is double l ? l : null;
        if (limit < 0)
        {
            throw Errors.Create("D3040", site.Position, value: limit);
        }

        var result = JArray.Sequence();
        if (limit is null || limit > 0)
        {
            var count = 0;
            var match = EvaluateMatcher(Required<FunctionValue>(a, 1, site), s, site);
            while (match is not null && (limit is null || count < limit))
            {
                result.Add(new JObject
                {
                    ["match"] = match["match"],
                    ["index"] = match["start"],
                    ["groups"] = match["groups"],
                });
                match = NextMatch(match, site);
                count++;
            }
        }

        return result;
    }

    private static object? Replace(object?[] a, CallSite site)
    {
        if (a[0] is not string s)
        {
            return null;
        }

        var pattern = a.Length > 1 ? a[1] : null;
        if (pattern is null)
        {
            throw Errors.Create("T0410", site.Position, token: site.Name, index: 2);
        }

        if (a.Length < 3 || a[2] is null)
        {
            throw Errors.Create("T0410", site.Position, token: site.Name, index: 3);
        }

        if (pattern is string { Length: 0 })
        {
            throw Errors.Create("D3010", site.Position);
        }

        double? limit = a.Length > 3 && a[3] is double l ? l : null;
        if (limit < 0)
        {
            throw Errors.Create("D3011", site.Position, value: limit);
        }

        var replacement = a[2];
        if (limit is not null && limit <= 0)
        {
            return s;
        }

        var sb = new StringBuilder();
        var position = 0;
        var count = 0;
        if (pattern is string text)
        {
            var replacementText = replacement as string ?? string.Empty;
            var index = s.IndexOf(text, StringComparison.Ordinal);
            while (index != -1 && (limit is null || count < limit))
            {
                sb.Append(s, position, index - position).Append(replacementText);
                position = index + text.Length;
                count++;
                index = s.IndexOf(text, position, StringComparison.Ordinal);
            }

            sb.Append(s, position, s.Length - position);
            return sb.ToString();
        }

        var matcher = (FunctionValue)pattern!;
        var match = EvaluateMatcher(matcher, s, site);
        if (match is null)
        {
            return s;
        }

        while (match is not null && (limit is null || count < limit))
        {
            RefuseEmptyMatch(match, site);
            var start = (int)(double)match["start"]!;
            sb.Append(s, position, start - position);
            var replaced = replacement is string template
                ? SubstituteGroups(template, match)
                : site.Apply((FunctionValue)replacement!, match);
            if (replaced is not string r)
            {
                throw Errors.Create("D3012", site.Position, value: replaced);
            }

            sb.Append(r);
            position = start + ((string)match["match"]!).Length;
            count++;
            match = NextMatch(match, site);
        }

        sb.Append(s, position, s.Length - position);
        return sb.ToString();
    }

    // "$0" is the match, "$n" a group (longest group number that exists), "$$" a dollar.
    private static string SubstituteGroups(string template, JObject match)
    {
        var groups = (JArray)match["groups"]!;
        var sb = new StringBuilder();
        var position = 0;
        var index = template.IndexOf('$', position);
        while (index != -1 && position < template.Length)
        {
            sb.Append(template, position, index - position);
            position = index + 1;
            var next = position < template.Length ? template[position] : '\0';
            if (next == '$')
            {
                sb.Append('$');
                position++;
            }
            else if (next == '0')
            {
                sb.Append((string)match["match"]!);
                position++;
            }
            else
            {
                var maxDigits = groups.Count == 0 ? 1 : (int)Math.Floor(Math.Log10(groups.Count)) + 1;
                var groupNum = ParseLeadingInt(template, position, maxDigits);
                if (maxDigits > 1 && groupNum > groups.Count)
                {
                    groupNum = ParseLeadingInt(template, position, maxDigits - 1);
                }

                if (groupNum is { } g)
                {
                    if (groups.Count > 0 && g >= 1 && g <= groups.Count && groups[g - 1] is string sub)
                    {
                        sb.Append(sub);
                    }

                    position += g.ToString(CultureInfo.InvariantCulture).Length;
                }
                else
                {
                    sb.Append('$');
                }
            }

            index = template.IndexOf('$', position);
        }

        if (position < template.Length)
        {
            sb.Append(template, position, template.Length - position);
        }

        return sb.ToString();
    }

    private static int? ParseLeadingInt(string s, int start, int maxDigits)
    {
        var end = start;
        while (end < s.Length && end - start < maxDigits && char.IsAsciiDigit(s[end]))
        {
            end++;
        }

        return end == start ? null : int.Parse(s.AsSpan(start, end - start), CultureInfo.InvariantCulture);
    }

    private static object? Base64Encode(object?[] a, CallSite site) =>
        a[0] is string s ? Convert.ToBase64String(Encoding.Latin1.GetBytes(s)) : null;

    private static object? Base64Decode(object?[] a, CallSite site)
    {
        if (a[0] is not string s)
        {
            return null;
        }

        try
        {
            return Encoding.Latin1.GetString(Convert.FromBase64String(s));
        }
        catch (FormatException)
        {
            throw Errors.Create("D3137", site.Position, value: "Invalid base64 string: " + s);
        }
    }

    private static object? FormatBase(object?[] a, CallSite site)
    {
        if (a[0] is not double value)
        {
            return null;
        }

        value = RoundHalfEven(value, 0);
        var radix = a.Length > 1 && a[1] is double r ? r : 10;
        if (radix < 2 || radix > 36)
        {
            throw Errors.Create("D3100", site.Position, value: radix);
        }

        var radixInt = (int)radix;
        var negative = value < 0;
        var magnitude = Math.Abs(value);
        if (magnitude == 0)
        {
            return "0";
        }

        var digits = new StringBuilder();
        while (magnitude >= 1)
        {
            var digit = (int)(magnitude % radixInt);
            digits.Insert(0, (char)(digit < 10 ? '0' + digit : 'a' + digit - 10));
            magnitude = Math.Floor(magnitude / radixInt);
        }

        if (negative)
        {
            digits.Insert(0, '-');
        }

        return digits.ToString();
    }
}

/// <summary>encodeURI/encodeURIComponent and their decoders, as JavaScript defines them.</summary>
internal static class UrlCoding
{
    private const string ComponentSafe = "-_.!~*'()";
    private const string UriReserved = ";,/?:@&=+$#";

    public static object? Encode(string? s, bool component, CallSite site)
    {
        if (s is null)
        {
            return null;
        }

        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsAsciiLetterOrDigit(c) || ComponentSafe.Contains(c, StringComparison.Ordinal)
                || (!component && UriReserved.Contains(c, StringComparison.Ordinal)))
            {
                sb.Append(c);
                continue;
            }

            string unit;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1]))
                {
                    throw Errors.Create("D3140", site.Position, token: site.Name, value: s);
                }

                unit = s.Substring(i, 2);
                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                throw Errors.Create("D3140", site.Position, token: site.Name, value: s);
            }
            else
            {
                unit = c.ToString();
            }

            foreach (var b in Encoding.UTF8.GetBytes(unit))
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    public static object? Decode(string? s, bool component, CallSite site)
    {
        if (s is null)
        {
            return null;
        }

        var sb = new StringBuilder(s.Length);
        var i = 0;
        while (i < s.Length)
        {
            if (s[i] != '%')
            {
                sb.Append(s[i]);
                i++;
                continue;
            }

            var start = i;
            var bytes = new List<byte>();
            var first = ReadByte(s, i, site);
            i += 3;
            bytes.Add(first);
            var extra = first < 0x80 ? 0 : (first & 0xE0) == 0xC0 ? 1 : (first & 0xF0) == 0xE0 ? 2 : (first & 0xF8) == 0xF0 ? 3 : -1;
            if (extra < 0)
            {
                throw Errors.Create("D3140", site.Position, token: site.Name, value: s);
            }

            for (var k = 0; k < extra; k++)
            {
                if (i >= s.Length || s[i] != '%')
                {
                    throw Errors.Create("D3140", site.Position, token: site.Name, value: s);
                }

                var b = ReadByte(s, i, site);
                if ((b & 0xC0) != 0x80)
                {
                    throw Errors.Create("D3140", site.Position, token: site.Name, value: s);
                }

                bytes.Add(b);
                i += 3;
            }

            string decoded;
            try
            {
                decoded = new UTF8Encoding(false, true).GetString(bytes.ToArray());
            }
            catch (DecoderFallbackException)
            {
                throw Errors.Create("D3140", site.Position, token: site.Name, value: s);
            }

            if (!component && decoded.Length == 1 && UriReserved.Contains(decoded[0], StringComparison.Ordinal))
            {
                sb.Append(s, start, i - start);
            }
            else
            {
                sb.Append(decoded);
            }
        }

        return sb.ToString();
    }

    private static byte ReadByte(string s, int i, CallSite site)
    {
        if (i + 3 > s.Length)
        {
            throw Errors.Create("D3140", site.Position, token: site.Name, value: s);
        }

        if (!char.IsAsciiHexDigit(s[i + 1]) || !char.IsAsciiHexDigit(s[i + 2]))
        {
            throw Errors.Create("D3140", site.Position, token: site.Name, value: s);
        }

        return byte.Parse(s.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }
}
