using System.Globalization;
using System.Text;
using Orchestrator.Jsonata.Evaluation;

namespace Orchestrator.Jsonata.Functions;

/// <summary>$formatNumber: the XPath 3.1 format-number picture language.</summary>
internal static class NumberFormatting
{
    public static object? FormatNumber(object?[] a, CallSite site)
    {
        if (a[0] is not double value)
        {
            return null;
        }

        var picture = FunctionLibrary.Required<string>(a, 1, site);
        var options = a.Length > 2 ? a[2] as JObject : null;
        string Opt(string name, string fallback) => options?.GetValueOrDefault(name) is string s ? s : fallback;
        var decimalSep = Opt("decimal-separator", ".")[0];
        var groupSep = Opt("grouping-separator", ",")[0];
        var exponentSep = Opt("exponent-separator", "e")[0];
        var minusSign = Opt("minus-sign", "-");
        var percent = Opt("percent", "%")[0];
        var perMille = Opt("per-mille", "\u2030")[0];
        var zeroDigit = Opt("zero-digit", "0")[0];
        var optionalDigit = Opt("digit", "#")[0];
        var patternSep = Opt("pattern-separator", ";")[0];

        if (double.IsNaN(value))
        {
            return Opt("NaN", "NaN");
        }

        var subPictures = picture.Split(patternSep);
        if (subPictures.Length > 2)
        {
            throw Errors.Create("D3080", site.Position);
        }

        bool IsDigit(char c) => c >= zeroDigit && c <= zeroDigit + 9;
        bool IsActive(char c) => IsDigit(c) || c == optionalDigit || c == decimalSep || c == groupSep;

        var sub = value < 0 && subPictures.Length == 2 ? subPictures[1] : subPictures[0];
        var first = -1;
        var last = -1;
        for (var i = 0; i < sub.Length; i++)
        {
            if (IsActive(sub[i]))
            {
                first = i;
                last = i;
                while (last + 1 < sub.Length && IsActive(sub[last + 1]))
                {
                    last++;
                }

                break;
            }
        }

        // an exponent separator between active characters belongs to the mantissa/exponent part
        var exponentDigits = 0;
        if (last >= 0 && last + 1 < sub.Length && sub[last + 1] == exponentSep)
        {
            var k = last + 2;
            while (k < sub.Length && IsDigit(sub[k]))
            {
                exponentDigits++;
                k++;
            }

            if (exponentDigits > 0)
            {
                last = k - 1;
            }
        }

        if (first < 0)
        {
            throw Errors.Create("D3085", site.Position);
        }

        if (exponentDigits == 0 && last + 1 < sub.Length && sub[last + 1] == exponentSep)
        {
            throw Errors.Create("D3093", site.Position);
        }

        for (var i = last + 1; i < sub.Length; i++)
        {
            if (IsActive(sub[i]))
            {
                throw Errors.Create("D3086", site.Position);
            }
        }

        var prefix = sub[..first];
        var suffix = sub[(last + 1)..];
        var body = sub[first..(last + 1)];
        var mantissa = exponentDigits > 0 ? body[..body.LastIndexOf(exponentSep)] : body;
        if (mantissa.Count(c => c == decimalSep) > 1)
        {
            throw Errors.Create("D3081", site.Position);
        }

        var hasPercent = sub.Contains(percent, StringComparison.Ordinal);
        var hasPerMille = sub.Contains(perMille, StringComparison.Ordinal);
        if (sub.Count(c => c == percent) > 1)
        {
            throw Errors.Create("D3082", site.Position);
        }

        if (sub.Count(c => c == perMille) > 1)
        {
            throw Errors.Create("D3083", site.Position);
        }

        if (hasPercent && hasPerMille)
        {
            throw Errors.Create("D3084", site.Position);
        }

        var decimalPos = mantissa.IndexOf(decimalSep);
        var integerPart = decimalPos >= 0 ? mantissa[..decimalPos] : mantissa;
        var fractionPart = decimalPos >= 0 ? mantissa[(decimalPos + 1)..] : string.Empty;
        if (integerPart.EndsWith(groupSep) && decimalPos >= 0)
        {
            throw Errors.Create("D3087", site.Position);
        }

        if (integerPart.EndsWith(groupSep))
        {
            throw Errors.Create("D3088", site.Position);
        }

        if (mantissa.Contains(string.Concat(groupSep, groupSep), StringComparison.Ordinal))
        {
            throw Errors.Create("D3089", site.Position);
        }

        var minInt = integerPart.Count(IsDigit);
        var minFrac = fractionPart.Count(IsDigit);
        var maxFrac = fractionPart.Count(c => IsDigit(c) || c == optionalDigit);

        // grouping positions counted from the right of the integer part
        var groupPositions = new List<int>();
        var digitsSeen = 0;
        for (var i = integerPart.Length - 1; i >= 0; i--)
        {
            if (integerPart[i] == groupSep)
            {
                groupPositions.Add(digitsSeen);
            }
            else
            {
                digitsSeen++;
            }
        }

        var regularGrouping = 0;
        if (groupPositions.Count > 0)
        {
            var interval = groupPositions[0];
            var regular = true;
            for (var i = 0; i < groupPositions.Count; i++)
            {
                if (groupPositions[i] != interval * (i + 1))
                {
                    regular = false;
                }
            }

            if (regular)
            {
                regularGrouping = interval;
            }
        }

        var fracGroupPositions = new List<int>();
        digitsSeen = 0;
        foreach (var c in fractionPart)
        {
            if (c == groupSep)
            {
                fracGroupPositions.Add(digitsSeen);
            }
            else
            {
                digitsSeen++;
            }
        }

        if (minInt == 0 && maxFrac == 0)
        {
            if (exponentDigits > 0)
            {
                minFrac = 1;
                maxFrac = 1;
            }
            else
            {
                minInt = 1;
            }
        }

        var abs = Math.Abs(value);
        if (hasPercent)
        {
            abs *= 100;
        }
        else if (hasPerMille)
        {
            abs *= 1000;
        }

        var exponent = 0;
        if (exponentDigits > 0 && abs != 0)
        {
            // the mantissa gets minInt integer digits; with none it is scaled below 1
            exponent = (int)Math.Floor(Math.Log10(abs)) + 1 - minInt;
            abs /= Math.Pow(10, exponent);
        }

        var rounded = FunctionLibrary.RoundHalfEven(abs, maxFrac);
        var text = rounded.ToString("F" + maxFrac.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var intDigits = dot >= 0 ? text[..dot] : text;
        var fracDigits = dot >= 0 ? text[(dot + 1)..] : string.Empty;
        fracDigits = fracDigits.TrimEnd('0');
        if (fracDigits.Length < minFrac)
        {
            fracDigits = fracDigits.PadRight(minFrac, '0');
        }

        intDigits = intDigits.TrimStart('0');
        if (intDigits.Length < minInt)
        {
            intDigits = intDigits.PadLeft(minInt, '0');
        }

        if (intDigits.Length == 0 && (fracDigits.Length == 0 || exponentDigits > 0))
        {
            intDigits = "0";
        }

        var sb = new StringBuilder();
        for (var i = 0; i < intDigits.Length; i++)
        {
            var fromRight = intDigits.Length - i;
            sb.Append((char)(zeroDigit + (intDigits[i] - '0')));
            var remaining = fromRight - 1;
            if (remaining > 0 && (regularGrouping > 0 ? remaining % regularGrouping == 0 : groupPositions.Contains(remaining)))
            {
                sb.Append(groupSep);
            }
        }

        if (fracDigits.Length > 0)
        {
            sb.Append(decimalSep);
            for (var i = 0; i < fracDigits.Length; i++)
            {
                if (i > 0 && fracGroupPositions.Contains(i))
                {
                    sb.Append(groupSep);
                }

                sb.Append((char)(zeroDigit + (fracDigits[i] - '0')));
            }
        }

        if (exponentDigits > 0)
        {
            sb.Append(exponentSep);
            if (exponent < 0)
            {
                sb.Append(minusSign);
            }

            var expText = Math.Abs(exponent).ToString(CultureInfo.InvariantCulture).PadLeft(exponentDigits, '0');
            foreach (var c in expText)
            {
                sb.Append((char)(zeroDigit + (c - '0')));
            }
        }

        var result = prefix + sb + suffix;
        if (value < 0 && subPictures.Length == 1)
        {
            result = minusSign + result;
        }

        return result;
    }
}
