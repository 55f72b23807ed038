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

    /// <summary>
    /// Output of states without a result (Choice, Wait, Succeed): Assign → OutputPath (JSONPath) or Assign and Output
    /// (JSONata). A matched Choice rule (<paramref name="branch"/>) brings its own Assign (JSONPath: instead of the state's;
    /// JSONata: on top of the state's) and, in JSONata, its own Output.
    /// </summary>
    JsonNode? PassThrough(StateDefinition state, ChoiceBranch? branch, JsonNode? effectiveInput, StateRun run);

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
    private static readonly JsonataDataFlow Jsonata = new();

    public static IDataFlow For(QueryLanguage language) => language == QueryLanguage.Jsonata ? Jsonata : JsonPath;
}
