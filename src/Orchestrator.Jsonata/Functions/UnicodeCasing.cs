using System.Text;

namespace Orchestrator.Jsonata.Functions;

/// <summary>
/// Case mapping as JavaScript's toUpperCase/toLowerCase do it: the invariant simple mapping plus the
/// unconditional multi-character mappings of Unicode SpecialCasing (ß → SS, ligatures, İ → i̇) and final sigma.
/// </summary>
internal static class UnicodeCasing
{
    private static readonly Dictionary<char, string> UpperSpecial = new()
    {
        ['\u00DF'] = "SS",
        ['\u0149'] = "\u02BCN",
        ['\u01F0'] = "J\u030C",
        ['\u0390'] = "\u0399\u0308\u0301",
        ['\u03B0'] = "\u03A5\u0308\u0301",
        ['\u0587'] = "\u0535\u0552",
        ['\u1E96'] = "H\u0331",
        ['\u1E97'] = "T\u0308",
        ['\u1E98'] = "W\u030A",
        ['\u1E99'] = "Y\u030A",
        ['\u1E9A'] = "A\u02BE",
        ['\uFB00'] = "FF",
        ['\uFB01'] = "FI",
        ['\uFB02'] = "FL",
        ['\uFB03'] = "FFI",
        ['\uFB04'] = "FFL",
        ['\uFB05'] = "ST",
        ['\uFB06'] = "ST",
        ['\uFB13'] = "\u0544\u0546",
        ['\uFB14'] = "\u0544\u0535",
        ['\uFB15'] = "\u0544\u053B",
        ['\uFB16'] = "\u054E\u0546",
        ['\uFB17'] = "\u0544\u053D",
    };

    public static string ToUpper(string s)
    {
        var special = false;
        foreach (var c in s)
        {
            special |= UpperSpecial.ContainsKey(c);
        }

        if (!special)
        {
            return s.ToUpperInvariant();
        }

        var sb = new StringBuilder(s.Length + 4);
        foreach (var c in s)
        {
            if (UpperSpecial.TryGetValue(c, out var mapped))
            {
                sb.Append(mapped);
            }
            else
            {
                sb.Append(char.ToUpperInvariant(c));
            }
        }

        return sb.ToString();
    }

    public static string ToLower(string s)
    {
        if (s.IndexOf('\u0130') < 0 && s.IndexOf('\u03A3') < 0)
        {
            return s.ToLowerInvariant();
        }

        var sb = new StringBuilder(s.Length + 2);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '\u0130')
            {
                sb.Append("i\u0307");
            }
            else if (c == '\u03A3')
            {
                // final sigma: preceded by a letter and not followed by one
                var before = i > 0 && char.IsLetter(s[i - 1]);
                var after = i + 1 < s.Length && char.IsLetter(s[i + 1]);
                sb.Append(before && !after ? '\u03C2' : '\u03C3');
            }
            else
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        return sb.ToString();
    }
}
