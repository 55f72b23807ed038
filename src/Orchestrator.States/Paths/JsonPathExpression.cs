using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Orchestrator.States.Paths;

/// <summary>
/// A parsed ASL path: <c>$...</c> over the state data, <c>$$...</c> over the context object, <c>$name...</c> over a variable.
/// A path is definite when every step picks at most one node; an indefinite path always yields an array (Jayway rules).
/// </summary>
public sealed record JsonPathExpression
{
    private JsonPathExpression(string text, PathRootKind root, string? variable, IReadOnlyList<PathSegment> segments)
    {
        Text = text;
        Root = root;
        VariableName = variable;
        Segments = segments;
        IsDefinite = segments.All(s => s.IsSingular);
    }

    public string Text { get; }

    public PathRootKind Root { get; }

    public string? VariableName { get; }

    public IReadOnlyList<PathSegment> Segments { get; }

    public bool IsDefinite { get; }

    /// <summary>True for a "reference path" (ResultPath): only named or indexed steps.</summary>
    public bool IsReferencePath => IsDefinite;

    /// <summary>Jayway's normalised spelling used in AWS messages, e.g. <c>$['a'][0]</c>.</summary>
    public string Normalized
    {
        get
        {
            var sb = new StringBuilder(Root switch
            {
                PathRootKind.Context => "$$",
                PathRootKind.Variable => "$" + VariableName,
                _ => "$",
            });
            foreach (var segment in Segments)
            {
                sb.Append(segment switch
                {
                    PropertySegment p => "['" + p.Name + "']",
                    IndexSegment i => "[" + i.Index.ToString(CultureInfo.InvariantCulture) + "]",
                    WildcardSegment => "[*]",
                    DeepScanSegment d => ".." + (d.Name is null ? "*" : "['" + d.Name + "']"),
                    _ => "[?]",
                });
            }

            return sb.ToString();
        }
    }

    public static bool TryParse(string text, out JsonPathExpression? expression, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        expression = null;
        try
        {
            var parser = new Parser(text);
            expression = parser.ParseRoot();
            problem = null;
            return true;
        }
        catch (FormatException ex)
        {
            problem = ex.Message;
            return false;
        }
    }

    public static JsonPathExpression Parse(string text) =>
        TryParse(text, out var expression, out var problem) ? expression! : throw new FormatException(problem);

    public override string ToString() => Text;

    private sealed class Parser(string text)
    {
        private int _pos;

        public JsonPathExpression ParseRoot()
        {
            if (text.Length == 0 || text[0] != '$')
            {
                throw new FormatException($"The path '{text}' must start with '$'.");
            }

            _pos = 1;
            var root = PathRootKind.Input;
            string? variable = null;
            if (Peek() == '$')
            {
                _pos++;
                root = PathRootKind.Context;
            }
            else if (_pos < text.Length && IsIdentifierStart(text[_pos]))
            {
                var start = _pos;
                while (_pos < text.Length && IsIdentifierPart(text[_pos]))
                {
                    _pos++;
                }

                root = PathRootKind.Variable;
                variable = text[start.._pos];
            }

            var segments = ParseSegments(stopAtFilterEnd: false);
            if (_pos != text.Length)
            {
                throw new FormatException($"The path '{text}' has unexpected text at position {_pos}.");
            }

            return new JsonPathExpression(text, root, variable, segments);
        }

        private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_';

        private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_';

        private char Peek(int offset = 0) => _pos + offset < text.Length ? text[_pos + offset] : '\0';

        public List<PathSegment> ParseSegments(bool stopAtFilterEnd)
        {
            var segments = new List<PathSegment>();
            while (_pos < text.Length)
            {
                var c = text[_pos];
                if (c == '.')
                {
                    if (Peek(1) == '.')
                    {
                        _pos += 2;
                        if (Peek() == '*')
                        {
                            _pos++;
                            segments.Add(new DeepScanSegment(null));
                        }
                        else if (Peek() == '[')
                        {
                            var inner = ParseBracket();
                            segments.Add(inner is PropertySegment p ? new DeepScanSegment(p.Name) : inner);
                        }
                        else
                        {
                            segments.Add(new DeepScanSegment(ReadDotName(stopAtFilterEnd)));
                        }

                        continue;
                    }

                    _pos++;
                    if (Peek() == '*')
                    {
                        _pos++;
                        segments.Add(new WildcardSegment());
                        continue;
                    }

                    segments.Add(new PropertySegment(ReadDotName(stopAtFilterEnd)));
                }
                else if (c == '[')
                {
                    segments.Add(ParseBracket());
                }
                else
                {
                    break;
                }
            }

            return segments;
        }

        private string ReadDotName(bool inFilter)
        {
            var start = _pos;
            while (_pos < text.Length)
            {
                var c = text[_pos];
                if (c is '.' or '[' || (inFilter && (c is ' ' or ')' or '=' or '!' or '<' or '>' or '&' or '|')))
                {
                    break;
                }

                _pos++;
            }

            if (_pos == start)
            {
                throw new FormatException($"The path '{text}' has an empty property name at position {start}.");
            }

            return text[start.._pos];
        }

        private PathSegment ParseBracket()
        {
            _pos++; // '['
            SkipSpaces();
            PathSegment segment;
            var c = Peek();
            if (c == '*')
            {
                _pos++;
                segment = new WildcardSegment();
            }
            else if (c == '?')
            {
                _pos++;
                SkipSpaces();
                Expect('(');
                var filter = ParseOr();
                SkipSpaces();
                Expect(')');
                segment = new FilterSegment(filter);
            }
            else if (c is '\'' or '"')
            {
                var names = new List<string> { ReadQuoted() };
                SkipSpaces();
                while (Peek() == ',')
                {
                    _pos++;
                    SkipSpaces();
                    names.Add(ReadQuoted());
                    SkipSpaces();
                }

                segment = names.Count == 1 ? new PropertySegment(names[0]) : new UnionSegment(names, []);
            }
            else
            {
                segment = ParseIndexOrSlice();
            }

            SkipSpaces();
            Expect(']');
            return segment;
        }

        private PathSegment ParseIndexOrSlice()
        {
            int? first = ReadOptionalInt();
            SkipSpaces();
            if (Peek() == ':')
            {
                _pos++;
                SkipSpaces();
                var end = ReadOptionalInt();
                SkipSpaces();
                var step = 1;
                if (Peek() == ':')
                {
                    _pos++;
                    SkipSpaces();
                    step = ReadOptionalInt() ?? 1;
                }

                return new SliceSegment(first, end, step);
            }

            if (first is null)
            {
                throw new FormatException($"The path '{text}' has an invalid bracket expression at position {_pos}.");
            }

            if (Peek() == ',')
            {
                var indexes = new List<int> { first.Value };
                while (Peek() == ',')
                {
                    _pos++;
                    SkipSpaces();
                    indexes.Add(ReadOptionalInt() ?? throw new FormatException($"The path '{text}' has an invalid index list."));
                    SkipSpaces();
                }

                return new UnionSegment([], indexes);
            }

            return new IndexSegment(first.Value);
        }

        private int? ReadOptionalInt()
        {
            var start = _pos;
            if (Peek() == '-')
            {
                _pos++;
            }

            while (char.IsAsciiDigit(Peek()))
            {
                _pos++;
            }

            if (_pos == start || (_pos == start + 1 && text[start] == '-'))
            {
                _pos = start;
                return null;
            }

            return int.TryParse(text.AsSpan(start, _pos - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new FormatException($"The path '{text}' has an index out of range.");
        }

        private string ReadQuoted()
        {
            var quote = Peek();
            if (quote is not ('\'' or '"'))
            {
                throw new FormatException($"The path '{text}' expects a quoted name at position {_pos}.");
            }

            _pos++;
            var sb = new StringBuilder();
            while (_pos < text.Length && text[_pos] != quote)
            {
                // Only an escaped quote is unescaped; any other backslash is part of the name.
                if (text[_pos] == '\\' && Peek(1) == quote)
                {
                    sb.Append(quote);
                    _pos += 2;
                    continue;
                }

                sb.Append(text[_pos]);
                _pos++;
            }

            Expect(quote);
            return sb.ToString();
        }

        private void SkipSpaces()
        {
            while (Peek() == ' ')
            {
                _pos++;
            }
        }

        private void Expect(char c)
        {
            if (Peek() != c)
            {
                throw new FormatException($"The path '{text}' expects '{c}' at position {_pos}.");
            }

            _pos++;
        }

        private FilterExpression ParseOr()
        {
            var left = ParseAnd();
            SkipSpaces();
            while (Peek() == '|' && Peek(1) == '|')
            {
                _pos += 2;
                left = new FilterOr(left, ParseAnd());
                SkipSpaces();
            }

            return left;
        }

        private FilterExpression ParseAnd()
        {
            var left = ParseUnary();
            SkipSpaces();
            while (Peek() == '&' && Peek(1) == '&')
            {
                _pos += 2;
                left = new FilterAnd(left, ParseUnary());
                SkipSpaces();
            }

            return left;
        }

        private FilterExpression ParseUnary()
        {
            SkipSpaces();
            if (Peek() == '!' && Peek(1) != '=')
            {
                _pos++;
                return new FilterNot(ParseUnary());
            }

            if (Peek() == '(')
            {
                _pos++;
                var inner = ParseOr();
                SkipSpaces();
                Expect(')');
                return inner;
            }

            var left = ParseOperand();
            SkipSpaces();
            foreach (var op in new[] { "==", "!=", "<=", ">=", "=~", "<", ">" })
            {
                if (string.CompareOrdinal(text, _pos, op, 0, op.Length) == 0)
                {
                    _pos += op.Length;
                    SkipSpaces();
                    var right = op == "=~" ? ParseRegex() : ParseOperand();
                    return new FilterComparison(left, op, right);
                }
            }

            return new FilterExists(left);
        }

        private FilterRegex ParseRegex()
        {
            Expect('/');
            var start = _pos;
            while (_pos < text.Length && text[_pos] != '/')
            {
                _pos += text[_pos] == '\\' ? 2 : 1;
            }

            var pattern = text[start.._pos];
            Expect('/');
            var options = RegexOptions.CultureInvariant;
            if (Peek() == 'i')
            {
                _pos++;
                options |= RegexOptions.IgnoreCase;
            }

            return new FilterRegex(new Regex(pattern, options, TimeSpan.FromSeconds(1)));
        }

        private FilterOperand ParseOperand()
        {
            SkipSpaces();
            var c = Peek();
            if (c is '@' or '$')
            {
                _pos++;
                var segments = ParseSegments(stopAtFilterEnd: true);
                return new FilterPath(c == '@', segments);
            }

            if (c is '\'' or '"')
            {
                return new FilterLiteral(JsonValue.Create(ReadQuoted()));
            }

            var start = _pos;
            while (_pos < text.Length && (char.IsLetterOrDigit(text[_pos]) || text[_pos] is '-' or '+' or '.'))
            {
                _pos++;
            }

            var word = text[start.._pos];
            return word switch
            {
                "true" => new FilterLiteral(JsonValue.Create(true)),
                "false" => new FilterLiteral(JsonValue.Create(false)),
                "null" => new FilterLiteral(null),
                _ when decimal.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => new FilterLiteral(JsonValue.Create(number)),
                _ => throw new FormatException($"The path '{text}' has an invalid filter operand '{word}'."),
            };
        }
    }
}
