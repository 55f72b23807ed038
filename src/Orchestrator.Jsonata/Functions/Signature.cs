using System.Text;
using Orchestrator.Jsonata.Evaluation;

namespace Orchestrator.Jsonata.Functions;

/// <summary>
/// A parsed function signature such as "&lt;s-nn?:s&gt;": validates and normalises the arguments of a call
/// (context substitution for "-", wrapping a single value where an array is expected, array member types).
/// </summary>
internal sealed class Signature
{
    private readonly SignatureParam[] _params;

    private Signature(SignatureParam[] parameters, string text)
    {
        _params = parameters;
        Text = text;
    }

    public string Text { get; }

    public int ParameterCount => _params.Length;

    public static Signature Parse(string text, int position)
    {
        var parameters = new List<SignatureParam>();
        var i = text.StartsWith('<') ? 1 : 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == ':' || c == '>')
            {
                break; // the return type is informational only
            }

            switch (c)
            {
                case 's' or 'n' or 'b' or 'l' or 'o':
                    parameters.Add(new SignatureParam(c.ToString()));
                    i++;
                    break;
                case 'a':
                    parameters.Add(new SignatureParam("asnblfo") { IsArray = true });
                    i++;
                    break;
                case 'f':
                    parameters.Add(new SignatureParam("f"));
                    i++;
                    break;
                case 'x':
                    parameters.Add(new SignatureParam("asnblfo"));
                    i++;
                    break;
                case 'j':
                    parameters.Add(new SignatureParam("asnblo"));
                    i++;
                    break;
                case 'u':
                    parameters.Add(new SignatureParam("snbl"));
                    i++;
                    break;
                case '(':
                    {
                        var end = text.IndexOf(')', i);
                        if (end < 0)
                        {
                            throw Errors.Create("S0201", position, token: text);
                        }

                        var choice = new StringBuilder();
                        foreach (var ch in text.AsSpan(i + 1, end - i - 1))
                        {
                            choice.Append(ch switch { 'x' => "asnblfo", 'j' => "asnblo", 'u' => "snbl", _ => ch.ToString() });
                        }

                        parameters.Add(new SignatureParam(choice.ToString()));
                        i = end + 1;
                        break;
                    }

                case '<':
                    {
                        // type parameter of the previous a or f
                        var depth = 1;
                        var start = i + 1;
                        var j = start;
                        while (j < text.Length && depth > 0)
                        {
                            if (text[j] == '<')
                            {
                                depth++;
                            }
                            else if (text[j] == '>')
                            {
                                depth--;
                            }

                            j++;
                        }

                        if (parameters.Count == 0)
                        {
                            throw Errors.Create("S0401", position, value: text);
                        }

                        var last = parameters[^1];
                        if (last.IsArray)
                        {
                            last.ArrayItemTypes = text.Substring(start, j - start - 1) switch
                            {
                                "x" => "asnblfo",
                                "j" => "asnblo",
                                "u" => "snbl",
                                var other => other,
                            };
                        }
                        else if (last.Types != "f")
                        {
                            throw Errors.Create("S0401", position, value: text);
                        }

                        i = j;
                        break;
                    }

                case '?':
                    parameters[^1].Optional = true;
                    i++;
                    break;
                case '+':
                    parameters[^1].Variadic = true;
                    i++;
                    break;
                case '-':
                    parameters[^1].UseContext = true;
                    i++;
                    break;
                default:
                    i++;
                    break;
            }
        }

        return new Signature(parameters.ToArray(), text);
    }

    public object?[] Validate(object?[] args, object? context, string functionName, int position)
    {
        var counts = new int[_params.Length];
        if (!Match(args, 0, 0, counts))
        {
            ThrowMismatch(args, functionName, position);
        }

        var result = new List<object?>(args.Length + 1);
        var argIndex = 0;
        for (var p = 0; p < _params.Length; p++)
        {
            var param = _params[p];
            if (counts[p] == 0)
            {
                if (param.UseContext)
                {
                    if (!param.Accepts(Symbol(context)))
                    {
                        throw Errors.Create("T0411", position, token: functionName, value: context, index: argIndex + 1);
                    }

                    result.Add(NormaliseArray(param, context, argIndex, functionName, position));
                }

                continue;
            }

            for (var k = 0; k < counts[p]; k++)
            {
                result.Add(NormaliseArray(param, args[argIndex], argIndex, functionName, position));
                argIndex++;
            }
        }

        return result.ToArray();
    }

    internal static char Symbol(object? value) => value switch
    {
        null => 'm',
        string => 's',
        double => 'n',
        bool => 'b',
        JNull => 'l',
        JArray => 'a',
        JObject => 'o',
        FunctionValue => 'f',
        _ => 'x',
    };

    private static object? NormaliseArray(SignatureParam param, object? arg, int argIndex, string functionName, int position)
    {
        if (!param.IsArray || arg is null)
        {
            return arg;
        }

        var array = arg as JArray;
        if (param.ArrayItemTypes is { } itemTypes)
        {
            var items = array ?? [arg];
            foreach (var item in items)
            {
                if (!itemTypes.Contains(Symbol(item), StringComparison.Ordinal))
                {
                    throw Errors.Create("T0412", position, token: functionName, value: arg, index: argIndex + 1, type: TypeName(itemTypes));
                }
            }
        }

        return array ?? new JArray { arg };
    }

    private static string TypeName(string symbols) => symbols switch
    {
        "s" => "strings",
        "n" => "numbers",
        "b" => "booleans",
        "o" => "objects",
        "a" => "arrays",
        "f" => "functions",
        "l" => "nulls",
        _ => symbols,
    };

    private bool Match(object?[] args, int p, int a, int[] counts)
    {
        if (p == _params.Length)
        {
            return a == args.Length;
        }

        var param = _params[p];
        var max = 0;
        var limit = param.Variadic ? args.Length - a : Math.Min(1, args.Length - a);
        while (max < limit && param.Accepts(Symbol(args[a + max])))
        {
            max++;
        }

        var min = param.Optional || param.UseContext ? 0 : 1;
        for (var n = max; n >= min; n--)
        {
            counts[p] = n;
            if (Match(args, p + 1, a + n, counts))
            {
                return true;
            }
        }

        counts[p] = 0;
        return false;
    }

    private void ThrowMismatch(object?[] args, string functionName, int position)
    {
        var goodTo = 0;
        foreach (var param in _params)
        {
            var n = 0;
            var limit = param.Variadic ? args.Length - goodTo : Math.Min(1, args.Length - goodTo);
            while (n < limit && param.Accepts(Symbol(args[goodTo + n])))
            {
                n++;
            }

            if (n == 0 && !(param.Optional || param.UseContext))
            {
                break;
            }

            goodTo += n;
        }

        var bad = goodTo < args.Length ? args[goodTo] : null;
        throw Errors.Create("T0410", position, token: functionName, value: bad, index: goodTo + 1);
    }

    private sealed class SignatureParam(string types)
    {
        public string Types { get; } = types;

        public bool IsArray { get; init; }

        public string? ArrayItemTypes { get; set; }

        public bool Optional { get; set; }

        public bool Variadic { get; set; }

        public bool UseContext { get; set; }

        // every parameter accepts undefined ("m"); functions handle it themselves
        public bool Accepts(char symbol) => symbol == 'm' || Types.Contains(symbol, StringComparison.Ordinal);
    }
}
