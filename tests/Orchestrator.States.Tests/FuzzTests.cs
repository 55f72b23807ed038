using System.Text.Json.Nodes;
using Orchestrator.States.Conformance;
using Orchestrator.States.Errors;
using Orchestrator.States.Execution;
using Orchestrator.States.Json;
using Orchestrator.States.Loading;
using Orchestrator.Testing;
using Xunit.Abstractions;

namespace Orchestrator.States.Tests;

/// <summary>
/// Mutates corpus definitions and inputs (deterministic seed) and checks the engine never throws: every run ends as
/// validation problems, "not supported", or an execution result whose failures carry an error name.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int Cases = 10_000;
    private const int Seed = 20261121;

    private static readonly string[] StateTypes = ["Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map", "Bogus"];
    private static readonly string[] Paths = ["$", "$.a", "$.a[0]", "$[*]", "$$.Execution.Input", "$x", "$..b", "$.a[?(@.b > 1)]", "nope", "$[", "$.items[1:]"];
    private static readonly string[] Fields =
    [
        "InputPath", "OutputPath", "ResultPath", "ItemsPath", "Parameters", "ResultSelector", "Assign", "Result", "Next", "End", "Seconds",
        "SecondsPath", "TimestampPath", "Retry", "Catch", "Choices", "Default", "MaxConcurrency", "MaxConcurrencyPath", "ErrorPath", "CausePath",
        "ToleratedFailureCountPath", "Branches", "ItemProcessor", "TimeoutSeconds",
    ];

    [Fact]
    public async Task Mutated_definitions_and_inputs_never_throw()
    {
        var random = new Random(Seed);
        var corpus = ConformanceCase.Discover(RepoPaths.Of("tests", "asl-conformance"))
            .Select(dir => (Definition: File.ReadAllText(Path.Combine(dir, "definition.json")), Input: File.ReadAllText(Path.Combine(dir, "input.json"))))
            .ToList();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Cases; i++)
        {
            var (definitionText, inputText) = corpus[random.Next(corpus.Count)];
            var definition = JsonValues.Parse(definitionText);
            var input = JsonValues.Parse(inputText);
            var mutations = 1 + random.Next(3);
            // Two cases in five keep the definition and mutate only the input, so runtime paths get exercised as well as validation.
            var inputOnly = random.Next(5) < 2;
            for (var m = 0; m < mutations; m++)
            {
                if (inputOnly || random.Next(4) == 0)
                {
                    input = Mutate(input, random);
                }
                else
                {
                    definition = Mutate(definition, random);
                }
            }

            var text = random.Next(50) == 0 ? Truncate(JsonValues.ToJson(definition), random) : JsonValues.ToJson(definition);
            var outcome = await RunOneAsync(text, input);
            counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
        }

        output.WriteLine(string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}: {c.Value}")));
        Assert.Equal(Cases, counts.Values.Sum());
        Assert.True(counts.GetValueOrDefault("invalid") > 0 && counts.GetValueOrDefault("SUCCEEDED") > 0, "the fuzzer should produce both invalid and runnable machines");
    }

    private static async Task<string> RunOneAsync(string definitionText, JsonNode? input)
    {
        var loaded = DefinitionLoader.Load(definitionText);
        if (!loaded.IsValid)
        {
            Assert.All(loaded.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message)));
            return "invalid";
        }

        if (!loaded.IsRunnable)
        {
            return "not-supported";
        }

        var engine = new StateMachineEngine(new EngineOptions { Time = new VirtualTimeProvider(), RandomSeed = 1 });
        var execution = engine.Start(loaded.Definition!, new StartExecutionRequest { Input = input, Name = "fuzz" });
        // No time limit needed: a virtual clock makes waits instant and the 25,000-event quota ends endless loops.
        var result = await execution.Completion;
        Assert.False(result.Cause?.StartsWith(Execution.StateMachineExecution.InternalErrorPrefix, StringComparison.Ordinal) == true, "engine defect: " + result.Cause + "\n" + definitionText);
        // Engine-raised failures always carry a States.* name; a Fail state may name its own error, or none.
        if (result.Status == ExecutionStatus.Failed && result.Cause is { } cause && cause.StartsWith("An error occurred while executing the state", StringComparison.Ordinal))
        {
            Assert.Contains(result.Error!, StatesErrorNames.Known);
        }

        return result.StatusName;
    }

    private static string Truncate(string text, Random random) => text[..random.Next(text.Length)];

    /// <summary>Changes one random node: replace a value, drop or add a field, or swap in a path, a type or a wrong-typed value.</summary>
    private static JsonNode? Mutate(JsonNode? root, Random random)
    {
        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        if (nodes.Count == 0)
        {
            return RandomValue(random);
        }

        var target = nodes[random.Next(nodes.Count)];
        switch (target)
        {
            case JsonObject obj when obj.Count > 0 && random.Next(3) == 0:
                obj.Remove(obj.ElementAt(random.Next(obj.Count)).Key);
                break;
            case JsonObject obj:
                var field = random.Next(3) == 0 ? StateTypes[random.Next(StateTypes.Length)] : Fields[random.Next(Fields.Length)];
                obj[random.Next(2) == 0 ? "Type" : field] = random.Next(2) == 0 ? JsonValue.Create(field) : RandomValue(random);
                break;
            case JsonArray array when array.Count > 0 && random.Next(2) == 0:
                array.RemoveAt(random.Next(array.Count));
                break;
            case JsonArray array:
                array.Add(RandomValue(random));
                break;
            default:
                var parent = target.Parent;
                var replacement = RandomValue(random);
                if (parent is JsonObject po)
                {
                    po[target.GetPropertyName()] = replacement;
                }
                else if (parent is JsonArray pa)
                {
                    pa[target.GetElementIndex()] = replacement;
                }
                else
                {
                    return replacement;
                }

                break;
        }

        return root;
    }

    private static void Collect(JsonNode? node, List<JsonNode> into)
    {
        if (node is null)
        {
            return;
        }

        into.Add(node);
        if (node is JsonObject obj)
        {
            foreach (var (_, value) in obj)
            {
                Collect(value, into);
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                Collect(item, into);
            }
        }
    }

    private static JsonNode? RandomValue(Random random) => random.Next(10) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(-5, 100)),
        2 => JsonValue.Create(random.NextDouble() * 10 - 2),
        3 => JsonValue.Create(random.Next(2) == 0),
        4 => JsonValue.Create(Paths[random.Next(Paths.Length)]),
        5 => new JsonObject { ["a"] = random.Next(3), ["b"] = new JsonArray(1, 2, 3) },
        6 => new JsonArray(JsonValue.Create("x"), JsonValue.Create(2), null),
        7 => JsonValue.Create("States.Format('{}', $.a)"),
        8 => JsonValue.Create("2016-03-14T01:59:00Z"),
        _ => JsonValue.Create(StateTypes[random.Next(StateTypes.Length)]),
    };
}
