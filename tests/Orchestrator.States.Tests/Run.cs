using System.Text.Json.Nodes;
using Orchestrator.States.Execution;
using Orchestrator.States.Json;
using Orchestrator.States.Loading;
using Orchestrator.States.Model;

namespace Orchestrator.States.Tests;

/// <summary>Loads and runs definitions for tests, failing loudly when a definition the test expects to be valid is not.</summary>
internal static class Run
{
    public static StateMachineDefinition Load(string definition)
    {
        var loaded = DefinitionLoader.Load(definition);
        Assert.True(loaded.IsRunnable, "definition should load: " + string.Join("; ", loaded.Problems.Concat<object>(loaded.Unsupported)));
        return loaded.Definition!;
    }

    public static Task<ExecutionResult> Async(string definition, string input = "{}", EngineOptions? options = null, string? name = null) =>
        Engine(options).RunAsync(Load(definition), new StartExecutionRequest { Input = JsonValues.Parse(input), Name = name ?? "test-execution" });

    public static StateMachineEngine Engine(EngineOptions? options = null) =>
        new(options ?? new EngineOptions { Time = new FakeTimeProvider(), RandomSeed = 1 });

    public static JsonNode? Json(string text) => JsonValues.Parse(text);

    /// <summary>Asserts JSON equality by value (key order ignored), showing both sides on failure.</summary>
    public static void Equal(string expected, JsonNode? actual)
    {
        var e = JsonValues.Parse(expected);
        Assert.True(JsonValues.DeepEquals(e, actual), $"expected {JsonValues.ToJson(e)} but was {JsonValues.ToJson(actual)}");
    }

    public static async Task<JsonNode?> Output(string definition, string input = "{}", EngineOptions? options = null)
    {
        var result = await Async(definition, input, options);
        Assert.True(result.Status == ExecutionStatus.Succeeded, $"expected SUCCEEDED but was {result.StatusName} {result.Error}: {result.Cause}");
        return result.Output;
    }
}
