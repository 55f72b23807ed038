using System.Text.Json.Nodes;
using Orchestrator.States.Errors;
using Orchestrator.States.Model;

namespace Orchestrator.States.Execution;

/// <summary>
/// The query-language half of running a state: how its input, arguments, result, output, conditions and items are
/// computed. Executors do the state's work and ask this for every field, so JSONata (Arguments/Output/Assign/Condition/
/// Items with {% %}) plugs in as a second implementation beside <see cref="JsonPathDataFlow"/>.
/// </summary>
internal interface IDataFlow
{
    /// <summary>The input the state works on: InputPath applied (JSONPath) or the raw input ($states.input, JSONata).</summary>
    JsonNode? EffectiveInput(StateDefinition state, JsonNode? rawInput, StateRun run);

    /// <summary>What a Task is called with and Parallel branches receive: Parameters / Arguments, else the effective input.</summary>
    JsonNode? Arguments(StateDefinition state, JsonNode? effectiveInput, StateRun run);

    /// <summary>From a state's result to its output: ResultSelector → Assign → ResultPath → OutputPath (JSONPath).</summary>
    JsonNode? Output(StateDefinition state, JsonNode? rawInput, JsonNode? result, StateRun run);

    /// <summary>Output of states without a result (Choice, Wait): Assign (with the given rule's Assign) → OutputPath.</summary>
    JsonNode? PassThrough(StateDefinition state, PayloadTemplate? assign, JsonNode? effectiveInput, StateRun run);

    /// <summary>Output when a Catcher handles an error: Assign and ResultPath over the error output.</summary>
    JsonNode? CatchOutput(Catcher catcher, Failure failure, JsonNode? rawInput, StateRun run);

    /// <summary>Whether a Choice rule holds.</summary>
    bool Holds(ChoiceRule rule, JsonNode? effectiveInput, StateRun run);

    /// <summary>The items a Map state iterates: ItemsPath (JSONPath) / Items (JSONata).</summary>
    JsonArray Items(MapState state, JsonNode? effectiveInput, StateRun run);

    /// <summary>One iteration's input: ItemSelector over the effective input with $$.Map.Item set, else the item.</summary>
    JsonNode? ItemInput(MapState state, JsonNode? effectiveInput, int index, JsonNode? item, StateRun run);
}

/// <summary>Picks the data flow for a state's query language.</summary>
internal static class DataFlows
{
    private static readonly JsonPathDataFlow JsonPath = new();
    private static readonly UnsupportedJsonataDataFlow Jsonata = new();

    public static IDataFlow For(QueryLanguage language) => language == QueryLanguage.Jsonata ? Jsonata : JsonPath;
}

/// <summary>Stands in for JSONata until Orchestrator.Jsonata lands: any use fails the state with a clear message.</summary>
internal sealed class UnsupportedJsonataDataFlow : IDataFlow
{
    private static StatesException NotSupported() => new(StatesErrorNames.Runtime, "JSONata is not supported yet by the local engine.");

    public JsonNode? EffectiveInput(StateDefinition state, JsonNode? rawInput, StateRun run) => throw NotSupported();

    public JsonNode? Arguments(StateDefinition state, JsonNode? effectiveInput, StateRun run) => throw NotSupported();

    public JsonNode? Output(StateDefinition state, JsonNode? rawInput, JsonNode? result, StateRun run) => throw NotSupported();

    public JsonNode? PassThrough(StateDefinition state, PayloadTemplate? assign, JsonNode? effectiveInput, StateRun run) => throw NotSupported();

    public JsonNode? CatchOutput(Catcher catcher, Failure failure, JsonNode? rawInput, StateRun run) => throw NotSupported();

    public bool Holds(ChoiceRule rule, JsonNode? effectiveInput, StateRun run) => throw NotSupported();

    public JsonArray Items(MapState state, JsonNode? effectiveInput, StateRun run) => throw NotSupported();

    public JsonNode? ItemInput(MapState state, JsonNode? effectiveInput, int index, JsonNode? item, StateRun run) => throw NotSupported();
}
