using System.Text.Json.Nodes;
using Orchestrator.Jsonata.Evaluation;
using Orchestrator.Jsonata.Functions;
using Orchestrator.Jsonata.Parsing;

namespace Orchestrator.Jsonata;

/// <summary>
/// A parsed JSONata expression. Parse once, evaluate many times; evaluation keeps all of its state
/// per call, so one instance may be evaluated concurrently.
/// </summary>
public sealed class JsonataExpression
{
    private readonly Node _root;

    private JsonataExpression(string text, Node root)
    {
        Text = text;
        _root = root;
    }

    /// <summary>The expression source.</summary>
    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; throws <see cref="JsonataException"/> (S0xxx) on a syntax error.</summary>
    public static JsonataExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new JsonataExpression(text, Compiler.CompileExpression(Parser.Parse(text)));
    }

    /// <summary>Evaluates against <paramref name="input"/> (null means JSON null). Throws <see cref="JsonataException"/> on errors.</summary>
    public JsonataResult Evaluate(JsonNode? input, JsonataBindings? bindings = null) =>
        EvaluateValue(input is null ? JNull.Value : JsonConversion.FromNode(input), bindings);

    /// <summary>Evaluates with no input at all: the context is undefined (as when the reference is called without data).</summary>
    public JsonataResult EvaluateWithoutInput(JsonataBindings? bindings = null) => EvaluateValue(null, bindings);

    internal object? EvaluateInternal(object? input, Frame env, EvalContext ctx) => _root.Evaluate(input, env, ctx);

    private JsonataResult EvaluateValue(object? input, JsonataBindings? bindings)
    {
        var ctx = new EvalContext(bindings);
        var env = CreateEnvironment(bindings);
        // $$ is the input itself; the context is an input array wrapped so that paths treat it as one item
        env.Bind("$", input);
        if (input is JArray array)
        {
            input = new JArray { array }.WithOuterWrapper();
        }

        object? result;
        try
        {
            result = _root.Evaluate(input, env, ctx);
            while (result is TailCall tail)
            {
                result = Invoker.ApplyOnce(tail.Function, tail.Args, tail.Input, ctx, tail.Position);
            }
        }
        catch (InsufficientExecutionStackException)
        {
            throw Errors.Create("D1011", -1);
        }

        result = Sequences.Finish(result, false);
        if (result is FunctionValue)
        {
            return JsonataResult.Undefined with { IsFunction = true };
        }

        if (result is null)
        {
            return JsonataResult.Undefined;
        }

        return JsonataResult.Of(JsonConversion.ToNode(result, _root.Position));
    }

    /// <summary>
    /// The scope chain of an evaluation: a scope for the expression's own bindings over one that resolves host
    /// variables (converted on first use, so unused large bindings cost nothing), host functions and the library.
    /// </summary>
    internal static Frame CreateEnvironment(JsonataBindings? bindings)
    {
        if (bindings is null)
        {
            return new Frame(new Frame(LibraryLookup));
        }

        var converted = new Dictionary<string, object?>(StringComparer.Ordinal);
        var host = new Frame(name =>
        {
            if (converted.TryGetValue(name, out var cached))
            {
                return (true, cached);
            }

            if (bindings.Variables.TryGetValue(name, out var node))
            {
                var value = node is null ? JNull.Value : JsonConversion.FromNode(node);
                converted[name] = value;
                return (true, value);
            }

            if (bindings.Objects.TryGetValue(name, out var members))
            {
                var obj = new JObject(members.Count);
                foreach (var (key, member) in members)
                {
                    obj[key] = member is null ? JNull.Value : JsonConversion.FromNode(member);
                }

                converted[name] = obj;
                return (true, obj);
            }

            if (bindings.Functions.TryGetValue(name, out var fn))
            {
                return (true, fn);
            }

            return LibraryLookup(name);
        });
        return new Frame(host);
    }

    private static (bool Found, object? Value) LibraryLookup(string name) =>
        FunctionLibrary.TryGet(name, out var fn) ? (true, fn) : (false, null);
}

internal static class OuterWrapperExtensions
{
    public static JArray WithOuterWrapper(this JArray array)
    {
        array.IsSequence = true;
        array.OuterWrapper = true;
        return array;
    }
}
