using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Orchestrator.States.Errors;
using Orchestrator.States.Intrinsics;
using Orchestrator.States.Json;
using Orchestrator.States.Paths;

namespace Orchestrator.States.Execution;

/// <summary>
/// Resolves paths for one evaluation: <c>$</c> against the given document, <c>$$</c> against the context object,
/// <c>$name</c> against workflow variables. Also the context intrinsic functions read their path arguments through.
/// Results are live nodes of the source documents: callers clone before placing them anywhere.
/// </summary>
internal sealed class PathEvaluation(JsonNode? document, StateRun run) : IIntrinsicContext
{
    private static readonly ConcurrentDictionary<string, JsonPathExpression> Parsed = new(StringComparer.Ordinal);

    public JsonNode? Document { get; } = document;

    public StateRun Run { get; } = run;

    public Random Random => Run.Frame.Execution.Random;

    /// <summary>Resolves; (false, null) when a definite path matches nothing. Indefinite paths always yield an array.</summary>
    public (bool Found, JsonNode? Value) TryResolve(JsonPathExpression path)
    {
        ArgumentNullException.ThrowIfNull(path);
        JsonNode? root;
        switch (path.Root)
        {
            case PathRootKind.Context:
                // $$.Execution.Name and friends are read on almost every Task; answer them without building $$.
                if (Run.TryContextLeaf(path.Segments, out var leaf))
                {
                    return (true, leaf);
                }

                root = Run.Context;
                break;
            case PathRootKind.Variable:
                if (!Run.Frame.Variables.TryGet(path.VariableName!, out root))
                {
                    throw new StatesException(StatesErrorNames.Runtime,
                        $"Invalid path '{path.Text}': The variable '{path.VariableName}' is not defined.");
                }

                break;
            default:
                root = Document;
                break;
        }

        if (path.Segments.Count == 0)
        {
            return (true, root);
        }

        if (path.IsDefinite && TryWalk(root, path.Segments, out var walked))
        {
            return (true, walked);
        }

        var matches = JsonPathEvaluator.Select(root, path.Segments, root);
        if (path.IsDefinite)
        {
            return matches.Count == 1 ? (true, matches[0]) : (false, null);
        }

        var array = new JsonArray();
        foreach (var match in matches)
        {
            array.Add(JsonValues.Clone(match));
        }

        return (true, array);
    }

    /// <summary>A definite path of names and non-negative indexes, followed without match lists; false defers to the evaluator.</summary>
    private static bool TryWalk(JsonNode? node, IReadOnlyList<PathSegment> segments, out JsonNode? value)
    {
        value = null;
        for (var s = 0; s < segments.Count; s++) // indexed: a foreach over the IReadOnlyList boxes an enumerator per path
        {
            switch (segments[s], node)
            {
                case (PropertySegment p, JsonObject obj):
                    if (!obj.TryGetPropertyValue(p.Name, out node))
                    {
                        return false;
                    }

                    break;
                case (IndexSegment { Index: >= 0 } i, JsonArray array):
                    if (i.Index >= array.Count)
                    {
                        return false;
                    }

                    node = array[i.Index];
                    break;
                default:
                    return false;
            }
        }

        value = node;
        return true;
    }

    /// <summary>Resolves or raises States.Runtime with Jayway's wording ("Invalid path ... : No results for path: ...").</summary>
    public JsonNode? Resolve(JsonPathExpression path)
    {
        var (found, value) = TryResolve(path);
        if (!found)
        {
            throw new StatesException(StatesErrorNames.Runtime, $"Invalid path '{path.Text}' : No results for path: {path.Normalized}");
        }

        return value;
    }

    JsonNode? IIntrinsicContext.ResolvePath(string path)
    {
        var parsed = Parsed.GetOrAdd(path, p => JsonPathExpression.TryParse(p, out var e, out var problem)
            ? e!
            : throw new StatesException(StatesErrorNames.Runtime, $"Invalid path '{p}': {problem}"));
        return JsonValues.Clone(Resolve(parsed));
    }
}
