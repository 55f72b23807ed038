using System.Text.RegularExpressions;
using Orchestrator.Jsonata.Functions;

namespace Orchestrator.Jsonata.Evaluation;

/// <summary>A callable value: built-in, lambda, partial application, regex matcher, host function.</summary>
internal abstract class FunctionValue
{
    /// <summary>Number of declared parameters (higher-order functions pass index/array only when it is large enough).</summary>
    public abstract int Arity { get; }

    public virtual Signature? Signature => null;

    public virtual string Name => "lambda";

    /// <summary>Runs the function with validated arguments; may return a <see cref="TailCall"/> to be continued by <see cref="Invoker"/>.</summary>
    public abstract object? Invoke(object?[] args, object? input, EvalContext ctx, int position);
}

/// <summary>A pending call in tail position: returned instead of recursing so deep tail recursion runs in a loop.</summary>
internal sealed record TailCall(FunctionValue Function, object?[] Args, object? Input, int Position);

internal delegate object? BuiltinImplementation(object?[] args, CallSite site);

/// <summary>What a built-in function sees besides its arguments.</summary>
internal readonly record struct CallSite(object? Input, EvalContext Context, int Position, string Name)
{
    public object? Apply(FunctionValue fn, params object?[] args) => Invoker.Apply(fn, args, Input, Context, Position);
}

internal sealed class BuiltinFunction(string name, string signature, int arity, BuiltinImplementation implementation) : FunctionValue
{
    private readonly Signature _signature = Signature.Parse(signature, -1);

    public override int Arity => arity;

    public override Signature? Signature => _signature;

    public override string Name => name;

    public override object? Invoke(object?[] args, object? input, EvalContext ctx, int position) =>
        implementation(args, new CallSite(input, ctx, position, name));
}

internal sealed class LambdaFunction(LambdaNode node, Frame closure, object? input) : FunctionValue
{
    public LambdaNode Node => node;

    public override int Arity => node.Parameters.Count;

    public override Signature? Signature => node.Signature;

    public override object? Invoke(object?[] args, object? callInput, EvalContext ctx, int position)
    {
        var frame = new Frame(closure);
        for (var i = 0; i < node.Parameters.Count; i++)
        {
            frame.Bind(node.Parameters[i], i < args.Length ? args[i] : null);
        }

        return node.Body.Evaluate(input, frame, ctx);
    }
}

/// <summary>A function with some arguments fixed and "?" placeholders left open.</summary>
internal sealed class PartialFunction(FunctionValue target, object?[] fixedArgs, bool[] placeholders) : FunctionValue
{
    public override int Arity
    {
        get
        {
            var n = 0;
            foreach (var p in placeholders)
            {
                if (p)
                {
                    n++;
                }
            }

            return n;
        }
    }

    public override object? Invoke(object?[] args, object? input, EvalContext ctx, int position)
    {
        var full = new object?[fixedArgs.Length];
        var next = 0;
        for (var i = 0; i < full.Length; i++)
        {
            full[i] = placeholders[i] ? (next < args.Length ? args[next++] : null) : fixedArgs[i];
        }

        return Invoker.ApplyOnce(target, full, input, ctx, position);
    }
}

/// <summary>f ~> g composition: a function of one argument applying f then g.</summary>
internal sealed class ComposedFunction(FunctionValue first, FunctionValue second) : FunctionValue
{
    public override int Arity => 1;

    public override object? Invoke(object?[] args, object? input, EvalContext ctx, int position)
    {
        var intermediate = Invoker.Apply(first, args, input, ctx, position);
        return Invoker.Apply(second, [intermediate], input, ctx, position);
    }
}

/// <summary>A host function registered through <see cref="JsonataBindings.RegisterFunction"/>.</summary>
internal sealed class HostFunction(string name, JsonataFunction fn, Signature? signature) : FunctionValue
{
    public override int Arity => signature?.ParameterCount ?? 1;

    public override Signature? Signature => signature;

    public override string Name => name;

    public override object? Invoke(object?[] args, object? input, EvalContext ctx, int position)
    {
        var converted = new JsonataResult[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            converted[i] = args[i] is null ? JsonataResult.Undefined : JsonataResult.Of(JsonConversion.ToNode(args[i], position));
        }

        JsonataResult result;
        try
        {
            result = fn(converted);
        }
        catch (JsonataException ex) when (ex.Position < 0)
        {
            // host functions do not know where they were called; point at the call
            throw new JsonataException(ex.Code, position, ex.Message) { Token = name };
        }

        return result.IsDefined ? JsonConversion.FromNode(result.Value) : null;
    }
}

/// <summary>A regex literal: called with a string it returns the first match object, with "next" for the rest.</summary>
internal sealed class RegexFunction(Regex regex) : FunctionValue
{
    public Regex Regex => regex;

    public override int Arity => 1;

    public override object? Invoke(object?[] args, object? input, EvalContext ctx, int position)
    {
        var text = args.Length > 0 ? args[0] as string : null;
        return text is null ? null : MatchAt(text, 0);
    }

    public object? MatchAt(string text, int start)
    {
        if (start > text.Length)
        {
            return null;
        }

        Match m;
        try
        {
            m = regex.Match(text, start);
        }
        catch (RegexMatchTimeoutException)
        {
            throw new JsonataException("D1012", -1, "Regular expression evaluation timed out: " + regex);
        }

        if (!m.Success)
        {
            return null;
        }

        var groups = new JArray();
        for (var g = 1; g < m.Groups.Count; g++)
        {
            groups.Add(m.Groups[g].Success ? m.Groups[g].Value : null);
        }

        var result = new JObject
        {
            ["match"] = m.Value,
            ["start"] = (double)m.Index,
            ["end"] = (double)(m.Index + m.Length),
            ["groups"] = groups,
        };
        // step past an empty match so "next" always advances
        var nextStart = m.Index + Math.Max(m.Length, 1);
        result["next"] = new BuiltinFunction("next", "<:o>", 0, (_, _) => MatchAt(text, nextStart));
        return result;
    }
}

/// <summary>Calls function values, validating signatures and running tail calls in a loop.</summary>
internal static class Invoker
{
    public static object? Apply(FunctionValue fn, object?[] args, object? input, EvalContext ctx, int position)
    {
        var result = ApplyOnce(fn, args, input, ctx, position);
        while (result is TailCall tail)
        {
            result = ApplyOnce(tail.Function, tail.Args, tail.Input, ctx, tail.Position);
        }

        return result;
    }

    public static object? ApplyOnce(FunctionValue fn, object?[] args, object? input, EvalContext ctx, int position)
    {
        var validated = fn.Signature is { } sig ? sig.Validate(args, input, fn.Name, position) : args;
        return fn.Invoke(validated, input, ctx, position);
    }

    /// <summary>Applies a value that should be a function; anything else is T1006.</summary>
    public static object? ApplyValue(object? fn, object?[] args, object? input, EvalContext ctx, int position) =>
        fn is FunctionValue f ? Apply(f, args, input, ctx, position) : throw Errors.Create("T1006", position);

    /// <summary>Higher-order call passing only as many of (value, index, array) as the function declares.</summary>
    public static object? ApplyHof(FunctionValue fn, CallSite site, object? value, object? index, object? array)
    {
        var arity = fn.Arity;
        object?[] args = arity >= 3 ? [value, index, array] : arity == 2 ? [value, index] : [value];
        return Apply(fn, args, site.Input, site.Context, site.Position);
    }

}
