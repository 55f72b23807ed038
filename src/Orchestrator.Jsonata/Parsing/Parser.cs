using System.Collections.Frozen;
using System.Text;

namespace Orchestrator.Jsonata.Parsing;

/// <summary>Top-down operator precedence (Pratt) parser producing <see cref="Syntax"/>.</summary>
internal sealed class Parser
{
    private static readonly FrozenDictionary<string, int> BindingPowers = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["."] = 75, ["["] = 80, ["]"] = 0, ["{"] = 70, ["}"] = 0, ["("] = 80, [")"] = 0, [","] = 0,
        ["@"] = 80, ["#"] = 80, [";"] = 0, [":"] = 0, ["?"] = 20, ["+"] = 50, ["-"] = 50, ["*"] = 60,
        ["/"] = 60, ["%"] = 60, ["|"] = 0, ["="] = 40, ["<"] = 40, [">"] = 40, ["^"] = 40, ["**"] = 60,
        [".."] = 0, [":="] = 10, ["!="] = 40, ["<="] = 40, [">="] = 40, ["~>"] = 40, ["?:"] = 40,
        ["??"] = 40, ["and"] = 30, ["or"] = 25, ["in"] = 40, ["&"] = 50, ["!"] = 0, ["~"] = 0,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly List<Token> _tokens;
    private int _index;

    private Parser(List<Token> tokens)
    {
        _tokens = tokens;
    }

    private Token Current => _tokens[_index];

    public static Syntax Parse(string text)
    {
        var parser = new Parser(Lexer.Tokenize(text));
        var result = parser.Expression(0);
        if (parser.Current.Kind != TokenKind.End)
        {
            throw Errors.Create("S0201", parser.Current.Position, token: parser.Current.Text);
        }

        return result;
    }

    private Token Advance()
    {
        var t = _tokens[_index];
        if (_index < _tokens.Count - 1)
        {
            _index++;
        }

        return t;
    }

    private void Expect(string op)
    {
        var t = Current;
        if (t.Kind == TokenKind.End)
        {
            throw Errors.Create("S0203", t.Position, value: op);
        }

        if (!t.IsOperator(op))
        {
            throw Errors.Create("S0202", t.Position, token: t.Text, value: op);
        }

        Advance();
    }

    // Inside brackets, running out of input is reported as the missing closer.
    private void ExpectMoreBefore(string closer)
    {
        if (Current.Kind == TokenKind.End)
        {
            throw Errors.Create("S0203", Current.Position, value: closer);
        }
    }

    private static int LeftBindingPower(Token t) =>
        t.Kind == TokenKind.Operator && BindingPowers.TryGetValue(t.Text, out var bp) ? bp : 0;

    private Syntax Expression(int rbp)
    {
        var t = Advance();
        var left = Nud(t);
        while (rbp < LeftBindingPower(Current))
        {
            t = Advance();
            left = Led(t, left);
        }

        return left;
    }

    private Syntax Nud(Token t)
    {
        switch (t.Kind)
        {
            case TokenKind.String:
                return new Syntax("string", t.Position) { Value = t.Text };
            case TokenKind.Number:
                return new Syntax("number", t.Position) { Number = t.Number, Value = t.Text };
            case TokenKind.Value:
                return new Syntax("value", t.Position) { Value = t.Text };
            case TokenKind.Regex:
                return new Syntax("regex", t.Position) { Value = t.Text, RegexFlags = t.RegexFlags };
            case TokenKind.Name:
                return new Syntax("name", t.Position) { Value = t.Text };
            case TokenKind.Variable:
                return new Syntax("variable", t.Position) { Value = t.Text };
            case TokenKind.End:
                throw Errors.Create("S0207", t.Position);
        }

        switch (t.Text)
        {
            case "and" or "or" or "in":
                return new Syntax("name", t.Position) { Value = t.Text };
            case "-":
                return new Syntax("negate", t.Position) { Lhs = Expression(70) };
            case "*":
                return new Syntax("wildcard", t.Position);
            case "**":
                return new Syntax("descendant", t.Position);
            case "%":
                return new Syntax("parent", t.Position);
            case "(":
                {
                    var block = new Syntax("block", t.Position);
                    while (!Current.IsOperator(")"))
                    {
                        ExpectMoreBefore(")");
                        block.Items.Add(Expression(0));
                        if (!Current.IsOperator(";"))
                        {
                            break;
                        }

                        Advance();
                    }

                    Expect(")");
                    return block;
                }

            case "[":
                {
                    var array = new Syntax("array", t.Position);
                    if (!Current.IsOperator("]"))
                    {
                        while (true)
                        {
                            ExpectMoreBefore("]");
                            var item = Expression(0);
                            if (Current.IsOperator(".."))
                            {
                                // the range operator is only valid as an array constructor member
                                var range = Advance();
                                item = new Syntax("binary", range.Position) { Value = "..", Lhs = item, Rhs = Expression(0) };
                            }

                            array.Items.Add(item);
                            if (!Current.IsOperator(","))
                            {
                                break;
                            }

                            Advance();
                        }
                    }

                    Expect("]");
                    return array;
                }

            case "{":
                {
                    var obj = new Syntax("object", t.Position);
                    ParsePairs(obj);
                    return obj;
                }

            case "|":
                {
                    var transform = new Syntax("transform", t.Position) { Pattern = Expression(0) };
                    Expect("|");
                    transform.Update = Expression(0);
                    if (Current.IsOperator(","))
                    {
                        Advance();
                        transform.Delete = Expression(0);
                    }

                    Expect("|");
                    return transform;
                }

            default:
                throw Errors.Create("S0211", t.Position, token: t.Text);
        }
    }

    private void ParsePairs(Syntax target)
    {
        if (!Current.IsOperator("}"))
        {
            while (true)
            {
                var key = Expression(0);
                Expect(":");
                var value = Expression(0);
                target.Pairs.Add((key, value));
                if (!Current.IsOperator(","))
                {
                    break;
                }

                Advance();
            }
        }

        Expect("}");
    }

    private Syntax Led(Token t, Syntax left)
    {
        var op = t.Text;
        switch (op)
        {
            case "." or "+" or "-" or "*" or "/" or "%" or "=" or "<" or ">" or "!=" or "<=" or ">=" or "&" or "and" or "or" or "in":
                return new Syntax("binary", t.Position) { Value = op, Lhs = left, Rhs = Expression(BindingPowers[op]) };
            case "~>":
                return new Syntax("apply", t.Position) { Value = op, Lhs = left, Rhs = Expression(BindingPowers[op]) };
            case ":=":
                if (left.Kind != "variable")
                {
                    throw Errors.Create("S0212", t.Position, token: op);
                }

                return new Syntax("bind", t.Position) { Value = op, Lhs = left, Rhs = Expression(BindingPowers[op] - 1) };
            case "?":
                {
                    var cond = new Syntax("condition", t.Position) { Condition = left, Then = Expression(0) };
                    if (Current.IsOperator(":"))
                    {
                        Advance();
                        cond.Else = Expression(0);
                    }

                    return cond;
                }

            case "?:":
                return new Syntax("elvis", t.Position) { Lhs = left, Rhs = Expression(0) };
            case "??":
                return new Syntax("coalesce", t.Position) { Lhs = left, Rhs = Expression(0) };
            case "(":
                return ParseCall(t, left);
            case "[":
                {
                    if (Current.IsOperator("]"))
                    {
                        Advance();
                        var step = left;
                        while (step.Kind == "predicate" && step.Lhs is not null)
                        {
                            step = step.Lhs;
                        }

                        step.KeepArray = true;
                        return left;
                    }

                    var predicate = new Syntax("predicate", t.Position) { Lhs = left, Rhs = Expression(0) };
                    Expect("]");
                    return predicate;
                }

            case "{":
                {
                    var group = new Syntax("group", t.Position) { Lhs = left };
                    ParsePairs(group);
                    return group;
                }

            case "^":
                {
                    var sort = new Syntax("sort", t.Position) { Lhs = left };
                    Expect("(");
                    while (true)
                    {
                        var descending = false;
                        if (Current.IsOperator("<"))
                        {
                            Advance();
                        }
                        else if (Current.IsOperator(">"))
                        {
                            descending = true;
                            Advance();
                        }

                        sort.Terms.Add((descending, Expression(0)));
                        if (!Current.IsOperator(","))
                        {
                            break;
                        }

                        Advance();
                    }

                    Expect(")");
                    return sort;
                }

            case "@" or "#":
                {
                    // The reference checks the right side before it would report the end of the expression.
                    if (Current.Kind == TokenKind.End)
                    {
                        throw Errors.Create("S0214", Current.Position, token: op);
                    }

                    var rhs = Expression(BindingPowers[op]);
                    if (rhs.Kind != "variable")
                    {
                        throw Errors.Create("S0214", rhs.Position, token: op);
                    }

                    return new Syntax(op == "@" ? "focus" : "index", t.Position) { Lhs = left, Rhs = rhs };
                }

            default:
                throw Errors.Create("S0204", t.Position, token: op);
        }
    }

    private Syntax ParseCall(Token t, Syntax left)
    {
        var isLambda = left.Kind == "name" && left.Value is "function" or "λ";
        var args = new List<Syntax>();
        var isPartial = false;
        if (!Current.IsOperator(")"))
        {
            while (true)
            {
                if (Current.IsOperator("?") && !isLambda)
                {
                    isPartial = true;
                    args.Add(new Syntax("placeholder", Current.Position));
                    Advance();
                }
                else
                {
                    ExpectMoreBefore(")");
                    args.Add(Expression(0));
                }

                if (!Current.IsOperator(","))
                {
                    break;
                }

                Advance();
            }
        }

        Expect(")");
        if (isLambda)
        {
            var lambda = new Syntax("lambda", t.Position);
            foreach (var arg in args)
            {
                if (arg.Kind != "variable")
                {
                    throw Errors.Create("S0208", arg.Position, value: arg.Value ?? arg.Kind);
                }

                lambda.Items.Add(arg);
            }

            if (Current.IsOperator("<"))
            {
                // the signature is re-assembled from its tokens
                var sig = new StringBuilder("<");
                var depth = 1;
                Advance();
                while (depth > 0 && !Current.IsOperator("{") && Current.Kind != TokenKind.End)
                {
                    var tok = Advance();
                    if (tok.IsOperator(">"))
                    {
                        depth--;
                    }
                    else if (tok.IsOperator("<"))
                    {
                        depth++;
                    }

                    sig.Append(tok.Text);
                }

                lambda.Signature = sig.ToString();
            }

            Expect("{");
            lambda.Body = Expression(0);
            Expect("}");
            return lambda;
        }

        var call = new Syntax(isPartial ? "partial" : "call", t.Position) { Procedure = left };
        call.Items.AddRange(args);
        return call;
    }
}
