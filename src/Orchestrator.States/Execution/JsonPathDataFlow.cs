using System.Text.Json.Nodes;
using Orchestrator.States.Errors;
using Orchestrator.States.Intrinsics;
using Orchestrator.States.Json;
using Orchestrator.States.Model;
using Orchestrator.States.Paths;

namespace Orchestrator.States.Execution;

/// <summary>
/// The one JSONPath input/output pipeline every state uses:
/// InputPath → Parameters → (state work) → ResultSelector → Assign → ResultPath → OutputPath.
/// The JSONata pipeline (<see cref="JsonataDataFlow"/>) sits beside this one, chosen by the state's QueryLanguage.
/// </summary>
internal sealed class JsonPathDataFlow : IDataFlow
{
    public JsonNode? EffectiveInput(StateDefinition state, JsonNode? rawInput, StateRun run) => Select(state.InputPath, rawInput, run);

    public JsonNode? Arguments(StateDefinition state, JsonNode? effectiveInput, StateRun run)
    {
        var template = state switch
        {
            PassState pass => pass.Parameters,
            IResultState result => result.Parameters,
            _ => null,
        };
        return template is null ? effectiveInput : Evaluate(template, effectiveInput, run);
    }

    public JsonNode? Output(StateDefinition state, JsonNode? rawInput, JsonNode? result, StateRun run)
    {
        var (selector, resultPath) = state switch
        {
            PassState pass => (null, pass.ResultPath),
            IResultState r => (r.ResultSelector, r.ResultPath),
            _ => ((PayloadTemplate?)null, PathField.Root),
        };
        if (selector is not null)
        {
            result = Evaluate(selector, result, run);
        }

        Assign(state.Assign, result, run);
        var output = ApplyResultPath(resultPath, rawInput, result, run);
        if (!IsWholeDocument(state.OutputPath))
        {
            run.OutputSize = -1;
        }

        return Select(state.OutputPath, output, run);
    }

    public JsonNode? PassThrough(StateDefinition state, ChoiceBranch? branch, JsonNode? effectiveInput, StateRun run)
    {
        Assign(branch is null ? state.Assign : branch.Assign, effectiveInput, run);
        return Select(state.OutputPath, effectiveInput, run);
    }

    public JsonNode? CatchOutput(Catcher catcher, Failure failure, JsonNode? rawInput, StateRun run)
    {
        var errorOutput = failure.ToErrorOutput();

        Assign(catcher.Assign, errorOutput, run);
        return ApplyResultPath(catcher.ResultPath, rawInput, errorOutput, run);
    }

    public bool Holds(ChoiceRule rule, JsonNode? effectiveInput, StateRun run) =>
        States.ChoiceRuleEvaluator.Holds(rule, new PathEvaluation(effectiveInput, run));

    public JsonArray Items(MapState state, JsonNode? effectiveInput, StateRun run)
    {
        var items = Select(state.ItemsPath, effectiveInput, run);
        return items as JsonArray
            ?? throw new StatesException(StatesErrorNames.Runtime, $"Map state input must be an array but was: {JsonValues.ToJson(items)}");
    }

    public JsonNode? ItemInput(MapState state, JsonNode? effectiveInput, int index, JsonNode? item, StateRun run)
    {
        if (state.ItemSelector is null)
        {
            return JsonValues.Clone(item);
        }

        var itemRun = new StateRun(state, run.Frame, run.EnteredEventId, run.EnteredTime) { MapItem = (index, item), RetryCount = run.RetryCount };
        return Evaluate(state.ItemSelector, effectiveInput, itemRun);
    }

    /// <summary>InputPath (or OutputPath): null discards to {}; a path that matches nothing is States.Runtime.</summary>
    public static JsonNode? Select(PathField field, JsonNode? document, StateRun run)
    {
        if (field.IsDiscard)
        {
            return new JsonObject();
        }

        var path = field.Path!;
        if (path.Root == PathRootKind.Input && path.Segments.Count == 0)
        {
            return document;
        }

        return JsonValues.Clone(new PathEvaluation(document, run).Resolve(path));
    }

    /// <summary>Builds a payload from a template (Parameters, ItemSelector, ResultSelector) over <paramref name="document"/>.</summary>
    public static JsonNode? Evaluate(PayloadTemplate template, JsonNode? document, StateRun run) =>
        Evaluate(template, new PathEvaluation(document, run));

    private static JsonNode? Evaluate(PayloadTemplate template, PathEvaluation evaluation)
    {
        switch (template)
        {
            case PayloadLiteral literal:
                return literal.Instantiate();
            case PayloadArray or PayloadObject:
                // Paths and intrinsics first, in template order, then the containers: the same two steps a Task's
                // prepared Parameters take (see PreparedPayload), so the two can never build differently.
                var values = new List<JsonNode?>(8);
                Resolve(template, evaluation, values);
                var next = 0;
                return Place(template, values, ref next);
            case PayloadPath path:
                var (found, value) = evaluation.TryResolve(path.Path);
                if (!found)
                {
                    var source = path.Path.Root switch
                    {
                        PathRootKind.Context => evaluation.Run.Context,
                        _ => evaluation.Document,
                    };
                    throw new StatesException(StatesErrorNames.Runtime,
                        $"The JSONPath '{path.Path.Text}' specified for the field '{path.Field}' could not be found in the input '{JsonValues.ToJson(source)}'");
                }

                return JsonValues.Clone(value);
            case PayloadIntrinsic intrinsic:
                return IntrinsicFunctions.Evaluate(intrinsic.Expression, evaluation);
            default:
                throw new InvalidOperationException("Unknown payload template " + template.GetType().Name);
        }
    }

    /// <summary>The values a template's paths and intrinsics produce, in template order (see <see cref="PreparedPayload"/>).</summary>
    internal static void Resolve(PayloadTemplate template, PathEvaluation evaluation, List<JsonNode?> values)
    {
        switch (template)
        {
            case PayloadArray array:
                for (var i = 0; i < array.Items.Count; i++)
                {
                    Resolve(array.Items[i], evaluation, values);
                }

                break;
            case PayloadObject obj:
                for (var i = 0; i < obj.Fields.Count; i++)
                {
                    Resolve(obj.Fields[i].Value, evaluation, values);
                }

                break;
            case PayloadPath or PayloadIntrinsic:
                // Evaluate clones a path's value and makes a new node for an intrinsic: the values are the payload's own.
                values.Add(Evaluate(template, evaluation));
                break;
        }
    }

    /// <summary>Builds the payload from values <see cref="Resolve"/> collected, taking them in the same order.</summary>
    internal static JsonNode? Place(PayloadTemplate template, List<JsonNode?> values, ref int next)
    {
        switch (template)
        {
            case PayloadLiteral literal:
                return literal.Instantiate();
            case PayloadArray array:
                // Indexed loops: a foreach over the IReadOnlyList would box an enumerator per template object.
                var items = new JsonArray();
                for (var i = 0; i < array.Items.Count; i++)
                {
                    items.Add(Place(array.Items[i], values, ref next));
                }

                return items;
            case PayloadObject obj:
                var result = new JsonObject();
                for (var i = 0; i < obj.Fields.Count; i++)
                {
                    result[obj.Fields[i].Key] = Place(obj.Fields[i].Value, values, ref next);
                }

                return result;
            default:
                return values[next++];
        }
    }

    /// <summary>Evaluates Assign against <paramref name="document"/> and applies every variable at once.</summary>
    public static void Assign(PayloadTemplate? assign, JsonNode? document, StateRun run)
    {
        if (assign is null)
        {
            return;
        }

        var values = Evaluate(assign, document, run) as JsonObject ?? [];
        run.Frame.Variables.SetAll(values.Select(kv => new KeyValuePair<string, JsonNode?>(kv.Key, JsonValues.Clone(kv.Value))).ToList());
    }

    /// <summary>
    /// <see cref="ApplyResultPath(PathField, JsonNode?, JsonNode?)"/>, and when it sets one top-level field of an input
    /// whose size is known, the output's size from the input's (<see cref="StateRun.OutputSize"/>): the result is
    /// measured, not the whole output again. An input that carries a large field through many states would otherwise be
    /// printed into the size counter once per state.
    /// </summary>
    private static JsonNode? ApplyResultPath(PathField field, JsonNode? rawInput, JsonNode? result, StateRun run)
    {
        run.OutputSize = -1;
        if (run.InputSize < 0 || field.Path is not { Root: PathRootKind.Input, Segments: [PropertySegment property] } || rawInput is not JsonObject)
        {
            return ApplyResultPath(field, rawInput, result);
        }

        var root = (JsonObject)JsonValues.Clone(rawInput)!;
        // Compact JSON: replacing a field swaps its value's bytes; adding one appends [,]"name": and the value.
        var size = run.InputSize + JsonSize.Measure(result);
        if (root.TryGetPropertyValue(property.Name, out var old))
        {
            size -= JsonSize.Measure(old);
        }
        else
        {
            size += (root.Count > 0 ? 1 : 0) + JsonSize.MeasureString(property.Name) + 1;
        }

        root[property.Name] = JsonValues.Clone(result);
        run.OutputSize = size;
        return root;
    }

    private static bool IsWholeDocument(PathField field) => field.Path is { Root: PathRootKind.Input, Segments.Count: 0 };

    /// <summary>ResultPath: null keeps the input, "$" replaces it, "$.a.b" writes into a copy of the input (creating objects).</summary>
    public static JsonNode? ApplyResultPath(PathField field, JsonNode? rawInput, JsonNode? result)
    {
        if (field.IsDiscard)
        {
            return rawInput;
        }

        var path = field.Path!;
        if (path.Segments.Count == 0)
        {
            return result;
        }

        var root = JsonValues.Clone(rawInput);
        if (root is not JsonObject && path.Segments[0] is PropertySegment)
        {
            throw new StatesException(StatesErrorNames.Runtime,
                $"Unable to apply step \"{((PropertySegment)path.Segments[0]).Name}\" to input {JsonValues.ToJson(rawInput)}");
        }

        JsonNode? current = root;
        for (var i = 0; i < path.Segments.Count; i++)
        {
            var last = i == path.Segments.Count - 1;
            switch (path.Segments[i], current)
            {
                case (PropertySegment p, JsonObject obj):
                    if (last)
                    {
                        obj[p.Name] = JsonValues.Clone(result);
                        break;
                    }

                    if (!obj.TryGetPropertyValue(p.Name, out var child) || child is not (JsonObject or JsonArray))
                    {
                        child = new JsonObject();
                        obj[p.Name] = child;
                    }

                    current = child;
                    break;
                case (IndexSegment ix, JsonArray array) when ix.Index >= 0 && ix.Index < array.Count:
                    if (last)
                    {
                        array[ix.Index] = JsonValues.Clone(result);
                        break;
                    }

                    current = array[ix.Index];
                    break;
                default:
                    throw new StatesException(StatesErrorNames.Runtime,
                        $"Unable to apply ResultPath '{path.Text}' to input {JsonValues.ToJson(rawInput)}");
            }
        }

        return root;
    }
}
