using System.Collections.Frozen;
using Orchestrator.Jsonata.Evaluation;

namespace Orchestrator.Jsonata.Functions;

/// <summary>The built-in function library, shared read-only by all evaluations.</summary>
internal static partial class FunctionLibrary
{
    private static readonly FrozenDictionary<string, FunctionValue> Functions = BuildTable();

    public static bool TryGet(string name, out FunctionValue? fn)
    {
        var found = Functions.TryGetValue(name, out var f);
        fn = f;
        return found;
    }

    private static FrozenDictionary<string, FunctionValue> BuildTable()
    {
        var table = new Dictionary<string, FunctionValue>(StringComparer.Ordinal);
        void Def(string name, string signature, int arity, BuiltinImplementation impl) =>
            table[name] = new BuiltinFunction(name, signature, arity, impl);

        // strings
        Def("string", "<x-b?:s>", 1, StringFn); // arity 1: the reference declares prettify with a default
        Def("length", "<s-:n>", 1, Length);
        Def("substring", "<s-nn?:s>", 3, Substring);
        Def("substringBefore", "<s-s:s>", 2, SubstringBefore);
        Def("substringAfter", "<s-s:s>", 2, SubstringAfter);
        Def("uppercase", "<s-:s>", 1, (a, _) => a[0] is string s ? UnicodeCasing.ToUpper(s) : null);
        Def("lowercase", "<s-:s>", 1, (a, _) => a[0] is string s ? UnicodeCasing.ToLower(s) : null);
        Def("trim", "<s-:s>", 1, Trim);
        Def("pad", "<s-ns?:s>", 3, Pad);
        Def("contains", "<s-(sf):b>", 2, Contains);
        Def("split", "<s-(sf)n?:a<s>>", 3, Split);
        Def("join", "<a<s>s?:s>", 2, Join);
        Def("match", "<s-f<s:o>n?:a<o>>", 3, Match);
        Def("replace", "<s-(sf)(sf)n?:s>", 4, Replace);
        Def("base64encode", "<s-:s>", 1, Base64Encode);
        Def("base64decode", "<s-:s>", 1, Base64Decode);
        Def("encodeUrlComponent", "<s-:s>", 1, (a, site) => UrlCoding.Encode(a[0] as string, component: true, site));
        Def("encodeUrl", "<s-:s>", 1, (a, site) => UrlCoding.Encode(a[0] as string, component: false, site));
        Def("decodeUrlComponent", "<s-:s>", 1, (a, site) => UrlCoding.Decode(a[0] as string, component: true, site));
        Def("decodeUrl", "<s-:s>", 1, (a, site) => UrlCoding.Decode(a[0] as string, component: false, site));
        Def("formatNumber", "<n-so?:s>", 3, NumberFormatting.FormatNumber);
        Def("formatBase", "<n-n?:s>", 2, FormatBase);
        Def("formatInteger", "<n-s:s>", 2, IntegerFormatting.FormatInteger);
        Def("parseInteger", "<s-s:n>", 2, IntegerFormatting.ParseInteger);
        Def("eval", "<sx?:x>", 2, Eval);

        // numbers
        Def("number", "<(nsb)-:n>", 1, NumberFn);
        Def("abs", "<n-:n>", 1, (a, _) => a[0] is double d ? Math.Abs(d) : null);
        Def("floor", "<n-:n>", 1, (a, _) => a[0] is double d ? Math.Floor(d) : null);
        Def("ceil", "<n-:n>", 1, (a, _) => a[0] is double d ? Math.Ceiling(d) : null);
        Def("round", "<n-n?:n>", 2, Round);
        Def("power", "<n-n:n>", 2, Power);
        Def("sqrt", "<n-:n>", 1, Sqrt);
        Def("random", "<:n>", 0, (_, site) => site.Context.Random.NextDouble());
        Def("sum", "<a<n>:n>", 1, Sum);
        Def("max", "<a<n>:n>", 1, (a, _) => Extreme(a[0], max: true));
        Def("min", "<a<n>:n>", 1, (a, _) => Extreme(a[0], max: false));
        Def("average", "<a<n>:n>", 1, Average);

        // booleans
        Def("boolean", "<x-:b>", 1, (a, _) => Sequences.ToBoolean(a[0]) is { } b ? Boxes.Bool(b) : null);
        Def("not", "<x-:b>", 1, (a, _) => a[0] is null ? null : Boxes.Bool(!Sequences.IsTruthy(a[0])));
        Def("exists", "<x:b>", 1, (a, _) => Boxes.Bool(a.Length > 0 && a[0] is not null));

        // arrays
        Def("count", "<a:n>", 1, (a, _) => a[0] is JArray arr ? (double)arr.Count : 0d);
        Def("append", "<xx:a>", 2, (a, _) => Sequences.Append(a[0], a.Length > 1 ? a[1] : null));
        Def("sort", "<af?:a>", 2, Sort);
        Def("reverse", "<a:a>", 1, Reverse);
        Def("shuffle", "<a:a>", 1, Shuffle);
        Def("distinct", "<x:x>", 1, Distinct);
        Def("zip", "<a+>", 1, Zip);

        // objects
        Def("keys", "<x-:a<s>>", 1, Keys);
        Def("lookup", "<x-s:x>", 2, (a, _) => a.Length > 1 && a[1] is string key ? Sequences.Lookup(a[0], key) : null);
        Def("spread", "<x-:a<o>>", 1, Spread);
        Def("merge", "<a<o>:o>", 1, Merge);
        Def("each", "<o-f:a>", 2, Each);
        Def("sift", "<o-f?:o>", 2, Sift);
        Def("type", "<x:s>", 1, TypeOf);
        Def("error", "<s?:x>", 1, ErrorFn);
        Def("assert", "<bs?:x>", 2, Assert);
        Def("clone", "<(oa)-:o>", 1, (a, _) => Sequences.DeepClone(a[0]));

        // higher-order
        Def("map", "<af>", 2, MapFn);
        Def("filter", "<af>", 2, FilterFn);
        Def("single", "<af?>", 2, Single);
        Def("reduce", "<afj?:j>", 3, Reduce);

        // date/time
        Def("now", "<s?s?:s>", 2, DateTimeFunctions.Now);
        Def("millis", "<:n>", 0, (_, site) => (double)site.Context.Now.ToUnixTimeMilliseconds());
        Def("fromMillis", "<n-s?s?:s>", 3, DateTimeFunctions.FromMillis);
        Def("toMillis", "<s-s?:n>", 2, DateTimeFunctions.ToMillis);

        return table.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>An argument the function cannot do without (the signature lets undefined through).</summary>
    internal static T Required<T>(object?[] a, int index, CallSite site)
        where T : class =>
        index < a.Length && a[index] is T value
            ? value
            : throw Errors.Create("T0410", site.Position, token: site.Name, value: index < a.Length ? a[index] : null, index: index + 1);

    private static object? TypeOf(object?[] a, CallSite site) => a[0] switch
    {
        null => null,
        JNull => "null",
        double => "number",
        string => "string",
        bool => "boolean",
        JArray => "array",
        FunctionValue => "function",
        _ => "object",
    };

    private static object? ErrorFn(object?[] a, CallSite site) =>
        throw Errors.Create("D3137", site.Position, value: a.Length > 0 && a[0] is string m ? m : "$error() function evaluated");

    private static object? Assert(object?[] a, CallSite site)
    {
        if (a[0] is not bool condition)
        {
            throw Errors.Create("T0410", site.Position, token: "assert", value: a[0], index: 1);
        }

        if (!condition)
        {
            throw Errors.Create("D3141", site.Position, value: a.Length > 1 && a[1] is string m ? m : "$assert() statement failed");
        }

        return null;
    }

    private static object? Eval(object?[] a, CallSite site)
    {
        if (a[0] is not string text)
        {
            return null;
        }

        JsonataExpression expression;
        try
        {
            expression = JsonataExpression.Parse(text);
        }
        catch (JsonataException ex)
        {
            throw Errors.Create("D3120", site.Position, value: ex.Message);
        }

        var context = a.Length > 1 && a[1] is not null ? a[1] : site.Input;
        try
        {
            var env = JsonataExpression.CreateEnvironment(site.Context.Bindings);
            env.Bind("$", context);
            if (context is JArray array)
            {
                context = new JArray { array }.WithOuterWrapper();
            }

            var result = expression.EvaluateInternal(context, env, site.Context);
            while (result is TailCall tail)
            {
                result = Invoker.ApplyOnce(tail.Function, tail.Args, tail.Input, site.Context, tail.Position);
            }

            return result;
        }
        catch (JsonataException ex)
        {
            throw Errors.Create("D3121", site.Position, value: ex.Message);
        }
    }
}
