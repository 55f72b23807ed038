namespace Orchestrator.Jsonata.Parsing;

/// <summary>
/// Adapts a JavaScript regex literal to .NET: \d, \w and their negations are ASCII-only in JavaScript, and
/// without the m flag "$" matches only at the very end of the input.
/// </summary>
internal static class JavaScriptRegex
{
    public static string Translate(string pattern, bool multiline)
    {
        var sb = new System.Text.StringBuilder(pattern.Length + 16);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var next = pattern[i + 1];
                i++;
                switch (next)
                {
                    case 'd':
                        sb.Append(inClass ? "0-9" : "[0-9]");
                        break;
                    case 'w':
                        sb.Append(inClass ? "a-zA-Z0-9_" : "[a-zA-Z0-9_]");
                        break;
                    case 'D' when !inClass:
                        sb.Append("[^0-9]");
                        break;
                    case 'W' when !inClass:
                        sb.Append("[^a-zA-Z0-9_]");
                        break;
                    default:
                        sb.Append('\\').Append(next);
                        break;
                }

                continue;
            }

            if (inClass)
            {
                if (c == ']')
                {
                    inClass = false;
                }

                sb.Append(c);
                continue;
            }

            switch (c)
            {
                case '[':
                    inClass = true;
                    sb.Append(c);
                    if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                    {
                        sb.Append('^');
                        i++;
                    }

                    // a leading ']' is literal in .NET but closes an empty class in JavaScript; keep it literal
                    break;
                case '$' when !multiline:
                    sb.Append(@"\z");
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb.ToString();
    }
}
