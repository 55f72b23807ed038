using System.Globalization;
using System.Text;

namespace Orchestrator.Jsonata.Evaluation;

/// <summary>Text forms of values the way JavaScript prints them (JSON.stringify, Number.prototype.toString).</summary>
internal static class ValueText
{
    /// <summary>Formats a finite double like JavaScript's Number#toString (shortest round-trip digits).</summary>
    public static string Number(double d)
    {
        if (d == 0)
        {
            return "0";
        }

        if (double.IsNaN(d))
        {
            return "NaN";
        }

        if (double.IsInfinity(d))
        {
            return d > 0 ? "Infinity" : "-Infinity";
        }

        // use the shortest round-trip representation
        var shortest = d.ToString("R", CultureInfo.InvariantCulture);
        var negative = shortest.StartsWith('-');
        if (negative)
        {
            shortest = shortest[1..];
        }

        // split into digits and exponent: value = 0.DIGITS * 10^n
        string mantissa;
        var exp = 0;
        var ePos = shortest.IndexOfAny(['E', 'e']);
        if (ePos >= 0)
        {
            mantissa = shortest[..ePos];
            exp = int.Parse(shortest.AsSpan(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }
        else
        {
            mantissa = shortest;
        }

        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        string digits;
        int pointPos;
        if (dot >= 0)
        {
            digits = string.Concat(mantissa.AsSpan(0, dot), mantissa.AsSpan(dot + 1));
            pointPos = dot;
        }
        else
        {
            digits = mantissa;
            pointPos = mantissa.Length;
        }

        var lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0')
        {
            lead++;
        }

        digits = digits[lead..];
        pointPos -= lead;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            return "0";
        }

        var n = pointPos + exp;
        var k = digits.Length;
        var sb = new StringBuilder(24);
        if (negative)
        {
            sb.Append('-');
        }

        if (k <= n && n <= 21)
        {
            sb.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            sb.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            sb.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            var e = n - 1;
            sb.Append(digits[0]);
            if (k > 1)
            {
                sb.Append('.').Append(digits, 1, k - 1);
            }

            sb.Append('e').Append(e >= 0 ? '+' : '-').Append(Math.Abs(e).ToString(CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    /// <summary>Rounds to 15 significant digits as JSONata's $string does (hides binary floating point noise).</summary>
    public static double Precision15(double d) =>
        double.IsFinite(d) ? double.Parse(d.ToString("G15", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : d;

    public static string JsonString(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        AppendJsonString(sb, s);
        return sb.ToString();
    }

    public static void AppendJsonString(StringBuilder sb, string s)
    {
        sb.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20 || (char.IsSurrogate(c) && !IsPairedSurrogate(s, i)))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }

    /// <summary>JSON.stringify of a value; functions print as "" and, with <paramref name="usePrecision"/>, numbers are rounded to 15 digits.</summary>
    public static string Stringify(object? value, bool usePrecision, bool pretty = false)
    {
        var sb = new StringBuilder();
        Write(sb, value, usePrecision, pretty ? 0 : -1);
        return sb.ToString();
    }

    private static bool IsPairedSurrogate(string s, int i) =>
        char.IsHighSurrogate(s[i])
            ? i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])
            : i > 0 && char.IsHighSurrogate(s[i - 1]);

    private static void Write(StringBuilder sb, object? value, bool usePrecision, int indent)
    {
        switch (value)
        {
            case null:
            case JNull:
                sb.Append("null");
                break;
            case string s:
                AppendJsonString(sb, s);
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case double d:
                if (!double.IsFinite(d))
                {
                    sb.Append("null");
                }
                else
                {
                    sb.Append(Number(usePrecision && !double.IsInteger(d) ? Precision15(d) : d));
                }

                break;
            case FunctionValue:
                sb.Append("\"\"");
                break;
            case JArray array:
                if (array.Count == 0)
                {
                    sb.Append("[]");
                    break;
                }

                sb.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    NewLine(sb, indent < 0 ? -1 : indent + 1);
                    Write(sb, array[i], usePrecision, indent < 0 ? -1 : indent + 1);
                }

                NewLine(sb, indent);
                sb.Append(']');
                break;
            case JObject obj:
                {
                    var first = true;
                    sb.Append('{');
                    foreach (var pair in obj)
                    {
                        if (pair.Value is null)
                        {
                            continue;
                        }

                        if (!first)
                        {
                            sb.Append(',');
                        }

                        first = false;
                        NewLine(sb, indent < 0 ? -1 : indent + 1);
                        AppendJsonString(sb, pair.Key);
                        sb.Append(indent >= 0 ? ": " : ":");
                        Write(sb, pair.Value, usePrecision, indent < 0 ? -1 : indent + 1);
                    }

                    if (!first)
                    {
                        NewLine(sb, indent);
                    }

                    sb.Append('}');
                    break;
                }

            default:
                sb.Append("null");
                break;
        }
    }

    private static void NewLine(StringBuilder sb, int indent)
    {
        if (indent < 0)
        {
            return;
        }

        sb.Append('\n').Append(' ', indent * 2);
    }
}

/// <summary>$string semantics: strings as-is, functions as "", other values as JSON with 15-digit numbers.</summary>
internal static class StringCast
{
    public static string Of(object? value, int position, bool pretty = false)
    {
        switch (value)
        {
            case string s:
                return s;
            case FunctionValue:
                return string.Empty;
            case double d when !double.IsFinite(d):
                throw Errors.Create("D3001", position, value: d);
            default:
                return ValueText.Stringify(value, usePrecision: true, pretty: pretty);
        }
    }
}
