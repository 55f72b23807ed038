using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Orchestrator.States.Errors;
using Orchestrator.States.Intrinsics.Syntax;

namespace Orchestrator.States.Intrinsics;

/// <summary>
/// The engine's entry point to the Amazon States Language intrinsic functions (<c>States.Format</c>,
/// <c>States.MathAdd</c>, ...): recognise a call, check it when the definition is loaded, evaluate it while running.
/// </summary>
public static class IntrinsicFunctions
{
    // Definitions hold a bounded set of expressions, each evaluated many times; the cap only guards against
    // callers that build expressions dynamically.
    private const int CacheCapacity = 4096;

    private static readonly ConcurrentDictionary<string, ParsedIntrinsic> Parsed = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="value"/> starts with <c>States.</c>, a known function name and <c>(</c>.</summary>
    public static bool IsIntrinsic(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return IntrinsicParser.FunctionAtStart(value) is not null;
    }

    /// <summary>
    /// Load-time problems of an intrinsic expression: syntax, unknown functions, nesting deeper than 10, argument
    /// counts. Empty when the expression is valid. Argument types and values can only be checked when it runs.
    /// </summary>
    public static IReadOnlyList<string> Validate(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return Parse(expression).Problems;
    }

    /// <summary>
    /// Evaluate an intrinsic expression. The result is a new node with no parent, so the caller may attach it.
    /// </summary>
    /// <exception cref="StatesException">
    /// <c>States.Runtime</c> when an argument is invalid ("Invalid arguments in States.X", as AWS reports it), when
    /// the expression is malformed, or when the context fails to resolve a path.
    /// </exception>
    public static JsonNode? Evaluate(string expression, IIntrinsicContext context)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(context);

        var parsed = Parse(expression);
        if (parsed.Call is null)
        {
            throw IntrinsicFailure.Malformed(expression, parsed.SyntaxError!);
        }

        var result = parsed.Call.Invoke(context);
        return result?.Parent is null ? result : result.DeepClone();
    }

    private static ParsedIntrinsic Parse(string expression)
    {
        if (Parsed.TryGetValue(expression, out var cached))
        {
            return cached;
        }

        if (Parsed.Count >= CacheCapacity)
        {
            Parsed.Clear();
        }

        return Parsed.GetOrAdd(expression, IntrinsicParser.Parse);
    }
}
