using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Orchestrator.States.Intrinsics.Syntax;

/// <summary>
/// Parses <c>States.Name(arg, ...)</c> into an immutable <see cref="FunctionCall"/> tree. Arguments are string
/// literals in single quotes, numbers, <c>true</c>/<c>false</c>/<c>null</c>, paths starting with <c>$</c> and
/// nested calls. Positions in messages are 0-based character offsets into the expression.
/// </summary>
internal sealed class IntrinsicParser
{
    private const string Prefix = "States.";

    // "You can nest up to 10 intrinsic functions within a field" (AWS developer guide, intrinsic functions).
    private const int MaxNesting = 10;

    private const string ArgumentKinds = "an argument is a 'string', a number, true, false, null, a $ path or a States. call";

    private static readonly JsonElement True = Element("true");
    private static readonly JsonElement False = Element("false");

    private readonly string _text;
    private int _position;
    private string? _error;

    private IntrinsicParser(string text) => _text = text;

    public static ParsedIntrinsic Parse(string expression)
    {
        var parser = new IntrinsicParser(expression);
        var call = parser.ParseCall(depth: 1);
        if (call is not null)
        {
            parser.SkipWhitespace();
            if (!parser.AtEnd)
            {
                parser.Fail($"unexpected '{parser.Current}' after the closing ')'");
                call = null;
            }
        }

        return call is null ? ParsedIntrinsic.Failed(parser._error!) : ParsedIntrinsic.Succeeded(call);
    }

    /// <summary>The registered function named at the start of <paramref name="text"/> when a '(' follows the name.</summary>
    public static IIntrinsicFunction? FunctionAtStart(string text)
    {
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var end = Prefix.Length;
        while (end < text.Length && char.IsAsciiLetterOrDigit(text[end]))
        {
            end++;
        }

        return end < text.Length && text[end] == '(' ? IntrinsicRegistry.Find(text[..end]) : null;
    }

    private bool AtEnd => _position >= _text.Length;

    private char Current => _text[_position];

    private FunctionCall? ParseCall(int depth)
    {
        var start = _position;
        if (string.CompareOrdinal(_text, _position, Prefix, 0, Prefix.Length) != 0)
        {
            return Fail("expected an intrinsic function such as States.Format(...)");
        }

        _position += Prefix.Length;
        while (!AtEnd && char.IsAsciiLetterOrDigit(Current))
        {
            _position++;
        }

        var name = _text[start.._position];
        var function = IntrinsicRegistry.Find(name);
        if (function is null)
        {
            _position = start;
            return Fail($"unknown intrinsic function '{name}'");
        }

        if (depth > MaxNesting)
        {
            _position = start;
            return Fail($"intrinsic functions can be nested at most {MaxNesting} deep");
        }

        if (AtEnd || Current != '(')
        {
            return Fail($"expected '(' after {name}");
        }

        _position++;
        var arguments = ImmutableArray.CreateBuilder<IntrinsicExpression>();
        SkipWhitespace();
        if (!AtEnd && Current == ')')
        {
            _position++;
            return new FunctionCall(function, arguments.ToImmutable());
        }

        while (true)
        {
            SkipWhitespace();
            var argument = ParseArgument(depth);
            if (argument is null)
            {
                return null;
            }

            arguments.Add(argument);
            SkipWhitespace();
            if (AtEnd)
            {
                return Fail($"missing ')' to close {name}(");
            }

            if (Current == ')')
            {
                _position++;
                return new FunctionCall(function, arguments.ToImmutable());
            }

            if (Current != ',')
            {
                return Fail($"expected ',' or ')' in the arguments of {name}, found '{Current}'");
            }

            _position++;
        }
    }

    private IntrinsicExpression? ParseArgument(int depth)
    {
        if (AtEnd)
        {
            return Fail("expected an argument");
        }

        return Current switch
        {
            '\'' => ParseString(),
            '$' => ParsePath(),
            'S' => ParseCall(depth + 1),
            '-' or (>= '0' and <= '9') => ParseNumber(),
            't' => ParseKeyword("true", True),
            'f' => ParseKeyword("false", False),
            'n' => ParseKeyword("null", null),
            ',' or ')' => Fail("expected an argument"),
            _ => Fail($"unexpected '{Current}'; {ArgumentKinds}"),
        };
    }

    private IntrinsicExpression? ParseString()
    {
        var start = _position;
        _position++;
        var value = new StringBuilder();
        var escapedStart = _position;
        while (!AtEnd)
        {
            var character = Current;
            if (character == '\'')
            {
                var escaped = _text[escapedStart.._position];
                _position++;
                return new StringLiteral(value.ToString(), escaped);
            }

            if (character == '\\')
            {
                // Only the four reserved characters may be escaped; AWS rejects any other backslash.
                if (_position + 1 >= _text.Length || _text[_position + 1] is not ('\'' or '{' or '}' or '\\'))
                {
                    return Fail(@"invalid escape in a string literal; only \', \{, \} and \\ are allowed");
                }

                value.Append(_text[_position + 1]);
                _position += 2;
                continue;
            }

            value.Append(character);
            _position++;
        }

        _position = start;
        return Fail("unterminated string literal");
    }

    private IntrinsicExpression? ParsePath()
    {
        // A path runs to the ',' or ')' that ends the argument; brackets, filters and quotes inside it are skipped.
        var start = _position;
        var nesting = 0;
        var quote = '\0';
        while (!AtEnd)
        {
            var character = Current;
            if (quote != '\0')
            {
                if (character == '\\')
                {
                    _position++;
                }
                else if (character == quote)
                {
                    quote = '\0';
                }
            }
            else if (nesting > 0 && character is '\'' or '"')
            {
                quote = character;
            }
            else if (character is '[' or '(')
            {
                nesting++;
            }
            else if (character is ']' or ')' && nesting > 0)
            {
                nesting--;
            }
            else if (character is ',' or ')')
            {
                break;
            }

            _position++;
        }

        if (AtEnd)
        {
            _position = start;
            return Fail("missing ')' after the path argument");
        }

        return new PathArgument(_text[start.._position].TrimEnd());
    }

    private IntrinsicExpression? ParseNumber()
    {
        var start = _position;
        _position++;
        while (!AtEnd && (char.IsAsciiDigit(Current) || Current is '.' or 'e' or 'E' or '+' or '-'))
        {
            _position++;
        }

        // JSON number syntax: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
        var token = _text[start.._position];
        try
        {
            return new JsonLiteral(Element(token));
        }
        catch (JsonException)
        {
            _position = start;
            return Fail($"invalid number '{token}'");
        }
    }

    private IntrinsicExpression? ParseKeyword(string keyword, JsonElement? value)
    {
        var end = _position + keyword.Length;
        var matches = string.CompareOrdinal(_text, _position, keyword, 0, keyword.Length) == 0
            && (end >= _text.Length || _text[end] is ',' or ')' || char.IsWhiteSpace(_text[end]));
        if (!matches)
        {
            return Fail($"unexpected '{Current}'; {ArgumentKinds}");
        }

        _position = end;
        return new JsonLiteral(value);
    }

    private static JsonElement Element(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private void SkipWhitespace()
    {
        while (!AtEnd && char.IsWhiteSpace(Current))
        {
            _position++;
        }
    }

    private FunctionCall? Fail(string problem)
    {
        _error ??= string.Create(CultureInfo.InvariantCulture, $"{problem} (at position {_position})");
        return null;
    }
}
