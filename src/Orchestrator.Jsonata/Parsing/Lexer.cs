using System.Globalization;
using System.Text;

namespace Orchestrator.Jsonata.Parsing;

internal enum TokenKind
{
    Operator,
    String,
    Number,
    Value,
    Name,
    Variable,
    Regex,
    End,
}

/// <summary>A lexical token; <see cref="Position"/> is the offset just past the token, as the reference reports it.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Position, double Number = 0, string? RegexFlags = null)
{
    public bool IsOperator(string op) => Kind == TokenKind.Operator && string.Equals(Text, op, StringComparison.Ordinal);
}

/// <summary>Turns expression text into tokens; a '/' where an operand is expected starts a regex literal.</summary>
internal static class Lexer
{
    private const string SingleOperators = ".[]{}(),@#;:?+-*/%|=<>^&!~";

    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var pos = 0;
        while (true)
        {
            var token = Next(text, ref pos, ExpectsOperand(tokens));
            tokens.Add(token);
            if (token.Kind == TokenKind.End)
            {
                return tokens;
            }
        }
    }

    private static bool ExpectsOperand(List<Token> tokens)
    {
        if (tokens.Count == 0)
        {
            return true;
        }

        var last = tokens[^1];
        return last.Kind == TokenKind.Operator
            && last.Text is not (")" or "]" or "}" or "*" or "**" or "%" or "and" or "or" or "in");
    }

    private static Token Next(string text, ref int pos, bool expectOperand)
    {
        // whitespace and comments
        while (pos < text.Length)
        {
            var c = text[pos];
            if (char.IsWhiteSpace(c))
            {
                pos++;
            }
            else if (c == '/' && pos + 1 < text.Length && text[pos + 1] == '*')
            {
                var end = text.IndexOf("*/", pos + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw Errors.Create("S0106", pos);
                }

                pos = end + 2;
            }
            else
            {
                break;
            }
        }

        if (pos >= text.Length)
        {
            return new Token(TokenKind.End, "(end)", pos);
        }

        var ch = text[pos];
        if (expectOperand && ch == '/')
        {
            return ScanRegex(text, ref pos);
        }

        if (pos + 1 < text.Length)
        {
            var two = text.Substring(pos, 2);
            if (two is ".." or ":=" or "!=" or ">=" or "<=" or "**" or "~>" or "?:" or "??")
            {
                pos += 2;
                return new Token(TokenKind.Operator, two, pos);
            }
        }

        if (SingleOperators.Contains(ch, StringComparison.Ordinal))
        {
            pos++;
            return new Token(TokenKind.Operator, ch.ToString(), pos);
        }

        if (ch is '"' or '\'')
        {
            return ScanString(text, ref pos, ch);
        }

        if (ch >= '0' && ch <= '9')
        {
            return ScanNumber(text, ref pos);
        }

        if (ch == '`')
        {
            var end = text.IndexOf('`', pos + 1);
            if (end < 0)
            {
                throw Errors.Create("S0105", text.Length);
            }

            var name = text.Substring(pos + 1, end - pos - 1);
            pos = end + 1;
            return new Token(TokenKind.Name, name, pos);
        }

        // a name or variable runs up to whitespace or an operator character
        var start = pos;
        var i = pos;
        while (i < text.Length && !char.IsWhiteSpace(text[i]) && !SingleOperators.Contains(text[i], StringComparison.Ordinal))
        {
            i++;
        }

        pos = i;
        var word = text[start..i];
        if (word.StartsWith('$'))
        {
            return new Token(TokenKind.Variable, word[1..], pos);
        }

        return word switch
        {
            "and" or "or" or "in" => new Token(TokenKind.Operator, word, pos),
            "true" or "false" or "null" => new Token(TokenKind.Value, word, pos),
            _ => new Token(TokenKind.Name, word, pos),
        };
    }

    private static Token ScanString(string text, ref int pos, char quote)
    {
        var sb = new StringBuilder();
        var i = pos + 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\')
            {
                i++;
                if (i >= text.Length)
                {
                    break;
                }

                var e = text[i];
                switch (e)
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case '/': sb.Append('/'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        if (i + 4 < text.Length + 0 && IsHex4(text, i + 1))
                        {
                            sb.Append((char)int.Parse(text.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                            i += 4;
                        }
                        else
                        {
                            throw Errors.Create("S0104", i);
                        }

                        break;
                    default:
                        throw Errors.Create("S0103", i, token: e.ToString());
                }

                i++;
            }
            else if (c == quote)
            {
                pos = i + 1;
                return new Token(TokenKind.String, sb.ToString(), pos);
            }
            else
            {
                sb.Append(c);
                i++;
            }
        }

        throw Errors.Create("S0101", text.Length);
    }

    private static bool IsHex4(string text, int start)
    {
        if (start + 4 > text.Length)
        {
            return false;
        }

        for (var k = start; k < start + 4; k++)
        {
            if (!char.IsAsciiHexDigit(text[k]))
            {
                return false;
            }
        }

        return true;
    }

    private static Token ScanNumber(string text, ref int pos)
    {
        var i = pos;
        if (text[i] == '0')
        {
            i++;
        }
        else
        {
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            var j = i + 1;
            if (j < text.Length && (text[j] == '+' || text[j] == '-'))
            {
                j++;
            }

            if (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                while (j < text.Length && char.IsAsciiDigit(text[j]))
                {
                    j++;
                }

                i = j;
            }
        }

        var literal = text[pos..i];
        var value = double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
        pos = i;
        if (!double.IsFinite(value))
        {
            throw Errors.Create("S0102", pos, token: literal);
        }

        return new Token(TokenKind.Number, literal, pos, value);
    }

    private static Token ScanRegex(string text, ref int pos)
    {
        var start = pos + 1;
        var i = start;
        var inClass = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\')
            {
                i += 2;
                continue;
            }

            if (c == '[')
            {
                inClass = true;
            }
            else if (c == ']')
            {
                inClass = false;
            }
            else if (c == '/' && !inClass)
            {
                var pattern = text[start..i];
                if (pattern.Length == 0)
                {
                    throw Errors.Create("S0301", i);
                }

                i++;
                var flagStart = i;
                while (i < text.Length && char.IsAsciiLetterLower(text[i]))
                {
                    i++;
                }

                pos = i;
                return new Token(TokenKind.Regex, pattern, pos, RegexFlags: text[flagStart..i]);
            }

            i++;
        }

        throw Errors.Create("S0302", i);
    }
}
