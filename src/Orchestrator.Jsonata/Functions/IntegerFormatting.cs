using System.Globalization;
using System.Text;
using Orchestrator.Jsonata.Evaluation;

namespace Orchestrator.Jsonata.Functions;

/// <summary>$formatInteger / $parseInteger: decimal digit patterns, roman numerals, letters and English words.</summary>
internal static class IntegerFormatting
{
    private static readonly string[] Ones =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];

    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    private static readonly (long Value, string Name)[] Scales =
    [
        (1_000_000_000_000_000_000, "quintillion"), (1_000_000_000_000_000, "quadrillion"), (1_000_000_000_000, "trillion"),
        (1_000_000_000, "billion"), (1_000_000, "million"), (1_000, "thousand"),
    ];

    private static readonly Dictionary<string, string> OrdinalWords = new(StringComparer.Ordinal)
    {
        ["one"] = "first", ["two"] = "second", ["three"] = "third", ["four"] = "fourth", ["five"] = "fifth",
        ["six"] = "sixth", ["seven"] = "seventh", ["eight"] = "eighth", ["nine"] = "ninth", ["ten"] = "tenth",
        ["eleven"] = "eleventh", ["twelve"] = "twelfth", ["thirteen"] = "thirteenth", ["fourteen"] = "fourteenth",
        ["fifteen"] = "fifteenth", ["sixteen"] = "sixteenth", ["seventeen"] = "seventeenth", ["eighteen"] = "eighteenth",
        ["nineteen"] = "nineteenth", ["twenty"] = "twentieth", ["thirty"] = "thirtieth", ["forty"] = "fortieth",
        ["fifty"] = "fiftieth", ["sixty"] = "sixtieth", ["seventy"] = "seventieth", ["eighty"] = "eightieth",
        ["ninety"] = "ninetieth", ["hundred"] = "hundredth", ["thousand"] = "thousandth", ["million"] = "millionth",
        ["billion"] = "billionth", ["trillion"] = "trillionth", ["zero"] = "zeroth",
    };

    private static readonly (int Value, string Letters)[] RomanNumerals =
    [
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
        (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ];

    public static object? FormatInteger(object?[] a, CallSite site)
    {
        if (a[0] is not double number)
        {
            return null;
        }

        var value = (long)Math.Floor(number);
        var picture = FunctionLibrary.Required<string>(a, 1, site);
        var (primary, ordinal) = SplitModifier(picture);
        var negative = value < 0;
        var magnitude = Math.Abs(value);
        string text;
        switch (primary)
        {
            case "A":
                text = Letters(magnitude).ToUpperInvariant();
                break;
            case "a":
                text = Letters(magnitude);
                break;
            case "I":
                text = Roman(magnitude).ToUpperInvariant();
                break;
            case "i":
                text = Roman(magnitude);
                break;
            case "W":
                text = Words(magnitude, ordinal).ToUpperInvariant();
                break;
            case "w":
                text = Words(magnitude, ordinal);
                break;
            case "Ww":
                text = TitleCase(Words(magnitude, ordinal));
                break;
            default:
                text = Decimal(magnitude, primary, ordinal, site);
                break;
        }

        return negative ? "-" + text : text;
    }

    public static object? ParseInteger(object?[] a, CallSite site)
    {
        if (a[0] is not string text)
        {
            return null;
        }

        var picture = FunctionLibrary.Required<string>(a, 1, site);
        var (primary, ordinal) = SplitModifier(picture);
        var negative = text.StartsWith('-');
        if (negative)
        {
            text = text[1..];
        }

        double result;
        switch (primary)
        {
            case "A" or "a":
                result = 0;
                foreach (var c in text.ToLowerInvariant())
                {
                    result = (result * 26) + (c - 'a' + 1);
                }

                break;
            case "I" or "i":
                result = ParseRoman(text.ToLowerInvariant());
                break;
            case "W" or "w" or "Ww":
                if (ordinal)
                {
                    throw Errors.Create("D3130", site.Position, value: picture);
                }

                result = ParseWords(text.ToLowerInvariant());
                break;
            default:
                {
                    if (!primary.Any(char.IsDigit))
                    {
                        throw Errors.Create("D3130", site.Position, value: picture);
                    }

                    var digits = new StringBuilder();
                    foreach (var c in text)
                    {
                        if (char.IsDigit(c))
                        {
                            digits.Append((char)('0' + CharUnicodeInfo.GetDecimalDigitValue(c)));
                        }
                        else if (ordinal && char.IsLetter(c))
                        {
                            break;
                        }
                    }

                    result = digits.Length == 0 ? 0 : double.Parse(digits.ToString(), CultureInfo.InvariantCulture);
                    break;
                }
        }

        return negative ? -result : result;
    }

    private static (string Primary, bool Ordinal) SplitModifier(string picture)
    {
        var semicolon = picture.LastIndexOf(';');
        if (semicolon < 0)
        {
            return (picture, false);
        }

        var modifier = picture[(semicolon + 1)..];
        return (picture[..semicolon], modifier.StartsWith('o'));
    }

    private static string Decimal(long value, string picture, bool ordinal, CallSite site)
    {
        var mandatory = 0;
        var zero = '0';
        var groupPositions = new List<(int Position, char Separator)>();
        var digitsSeen = 0;
        for (var i = picture.Length - 1; i >= 0; i--)
        {
            var c = picture[i];
            if (char.IsDigit(c))
            {
                mandatory++;
                digitsSeen++;
                zero = (char)(c - CharUnicodeInfo.GetDecimalDigitValue(c));
            }
            else if (c == '#')
            {
                digitsSeen++;
            }
            else
            {
                groupPositions.Add((digitsSeen, c));
            }
        }

        if (mandatory == 0)
        {
            throw Errors.Create("D3130", site.Position, value: picture);
        }

        var digits = value.ToString(CultureInfo.InvariantCulture).PadLeft(Math.Max(mandatory, 1), '0');
        var regular = 0;
        if (groupPositions.Count > 0)
        {
            var interval = groupPositions[0].Position;
            var isRegular = interval > 0;
            for (var i = 0; i < groupPositions.Count; i++)
            {
                if (groupPositions[i].Position != interval * (i + 1) || groupPositions[i].Separator != groupPositions[0].Separator)
                {
                    isRegular = false;
                }
            }

            if (isRegular)
            {
                regular = interval;
            }
        }

        var sb = new StringBuilder();
        for (var i = 0; i < digits.Length; i++)
        {
            sb.Append((char)(zero + (digits[i] - '0')));
            var remaining = digits.Length - i - 1;
            if (remaining <= 0)
            {
                continue;
            }

            if (regular > 0)
            {
                if (remaining % regular == 0)
                {
                    sb.Append(groupPositions[0].Separator);
                }
            }
            else
            {
                foreach (var (position, separator) in groupPositions)
                {
                    if (position == remaining)
                    {
                        sb.Append(separator);
                    }
                }
            }
        }

        if (ordinal)
        {
            var lastTwo = value % 100;
            var last = value % 10;
            sb.Append(lastTwo is >= 11 and <= 13 ? "th" : last switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" });
        }

        return sb.ToString();
    }

    private static string Letters(long value)
    {
        var sb = new StringBuilder();
        while (value > 0)
        {
            value--;
            sb.Insert(0, (char)('a' + (value % 26)));
            value /= 26;
        }

        return sb.ToString();
    }

    private static string Roman(long value)
    {
        var sb = new StringBuilder();
        foreach (var (v, letters) in RomanNumerals)
        {
            while (value >= v)
            {
                sb.Append(letters);
                value -= v;
            }
        }

        return sb.ToString();
    }

    private static double ParseRoman(string text)
    {
        double total = 0;
        var i = 0;
        foreach (var (v, letters) in RomanNumerals)
        {
            while (string.CompareOrdinal(text, i, letters, 0, letters.Length) == 0 && i + letters.Length <= text.Length)
            {
                total += v;
                i += letters.Length;
            }
        }

        return total;
    }

    private static string Words(long value, bool ordinal)
    {
        var words = CardinalWords(value);
        if (!ordinal)
        {
            return words;
        }

        // make the last word ordinal
        var cut = Math.Max(words.LastIndexOf(' '), words.LastIndexOf('-'));
        var head = cut >= 0 ? words[..(cut + 1)] : string.Empty;
        var tail = cut >= 0 ? words[(cut + 1)..] : words;
        return head + (OrdinalWords.TryGetValue(tail, out var o) ? o : tail + "th");
    }

    private static string CardinalWords(long value)
    {
        if (value < 20)
        {
            return Ones[value];
        }

        if (value < 100)
        {
            var t = Tens[value / 10];
            return value % 10 == 0 ? t : t + "-" + Ones[value % 10];
        }

        if (value < 1000)
        {
            var h = Ones[value / 100] + " hundred";
            return value % 100 == 0 ? h : h + " and " + CardinalWords(value % 100);
        }

        foreach (var (scale, name) in Scales)
        {
            if (value >= scale)
            {
                var head = CardinalWords(value / scale) + " " + name;
                var rest = value % scale;
                if (rest == 0)
                {
                    return head;
                }

                return head + (rest < 100 ? " and " : ", ") + CardinalWords(rest);
            }
        }

        return Ones[0];
    }

    private static double ParseWords(string text)
    {
        double total = 0;
        double current = 0;
        foreach (var raw in text.Split([' ', '-', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            var word = raw;
            foreach (var pair in OrdinalWords)
            {
                if (string.Equals(pair.Value, raw, StringComparison.Ordinal))
                {
                    word = pair.Key;
                }
            }

            if (word == "and")
            {
                continue;
            }

            var index = Array.IndexOf(Ones, word);
            if (index >= 0)
            {
                current += index;
                continue;
            }

            index = Array.IndexOf(Tens, word);
            if (index >= 2)
            {
                current += index * 10;
                continue;
            }

            if (word == "hundred")
            {
                current *= 100;
                continue;
            }

            foreach (var (scale, name) in Scales)
            {
                if (word == name)
                {
                    total += current * scale;
                    current = 0;
                }
            }
        }

        return total + current;
    }

    private static string TitleCase(string words)
    {
        var sb = new StringBuilder(words.Length);
        var startOfWord = true;
        foreach (var c in words)
        {
            sb.Append(startOfWord ? char.ToUpperInvariant(c) : c);
            startOfWord = c == ' ';
        }

        return sb.ToString();
    }

    internal static string ToWords(long value, bool ordinal) => Words(value, ordinal);

    internal static string ToRoman(long value) => Roman(value);

    internal static string ToLetters(long value) => Letters(value);
}
