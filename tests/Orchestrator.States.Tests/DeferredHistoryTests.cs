using System.Text.Json.Nodes;
using Orchestrator.States.Conformance;
using Orchestrator.States.Execution;
using Orchestrator.States.History;
using Orchestrator.States.Integrations;
using Orchestrator.States.Json;
using Orchestrator.States.Loading;
using Orchestrator.Testing;
using Xunit.Abstractions;

namespace Orchestrator.States.Tests;

/// <summary>
/// History payloads are printed when the history is read, not when a state records them. That is only correct if the
/// engine never changes a node after recording it. Every runnable corpus case is run twice, printing payloads eagerly
/// and lazily, and every event's input, output and parameters must be the same text.
/// </summary>
public sealed class DeferredHistoryTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Deferred_payloads_print_the_same_history_as_eager_ones_on_the_whole_corpus()
    {
        var root = RepoPaths.Of("tests", "asl-conformance");
        var compared = 0;
        var events = 0;
        foreach (var dir in ConformanceCase.Discover(root))
        {
            var loaded = DefinitionLoader.Load(await File.ReadAllTextAsync(Path.Combine(dir, "definition.json")));
            if (!loaded.IsRunnable)
            {
                continue;
            }

            var input = JsonValues.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "input.json")));
            var mocksPath = Path.Combine(dir, "mocks.json");
            var mocks = File.Exists(mocksPath) ? MockedTaskResponses.FromResponsesByState(await File.ReadAllTextAsync(mocksPath)) : null;
            var eager = await RunAsync(loaded.Definition!, input, mocks, eager: true);
            var deferred = await RunAsync(loaded.Definition!, input, mocks, eager: false);

            var name = Path.GetRelativePath(root, dir);
            Assert.True(eager.Count == deferred.Count, $"{name}: {eager.Count} events eagerly, {deferred.Count} deferred");
            for (var i = 0; i < eager.Count; i++)
            {
                Assert.True(Payloads(eager[i]) == Payloads(deferred[i]), $"{name}, event {i + 1} ({eager[i].Type}):\neager:    {Payloads(eager[i])}\ndeferred: {Payloads(deferred[i])}");
            }

            compared++;
            events += eager.Count;
        }

        output.WriteLine($"{compared} cases, {events} events compared");
        Assert.True(compared > 700, $"only {compared} cases ran");
    }

    [Fact]
    public async Task A_recorded_state_output_keeps_its_text_when_a_later_state_writes_into_its_copy()
    {
        // Pass writes $.a.b into a copy of its input; the first state's recorded output must not see that write.
        var loaded = DefinitionLoader.Load("""
            {"StartAt":"One","States":{
              "One":{"Type":"Pass","Parameters":{"a":{"b":1}},"Next":"Two"},
              "Two":{"Type":"Pass","Result":2,"ResultPath":"$.a.b","End":true}}}
            """);
        var history = await RunAsync(loaded.Definition!, new JsonObject(), null, eager: false);

        var exited = history.Where(e => e.Type == HistoryEventTypes.Exited("Pass")).Select(e => e.StateExitedEventDetails!.Output).ToList();
        Assert.Equal(["""{"a":{"b":1}}""", """{"a":{"b":2}}"""], exited);
    }

    private static async Task<IReadOnlyList<HistoryEvent>> RunAsync(Model.StateMachineDefinition definition, JsonNode? input, MockedTaskResponses? mocks, bool eager)
    {
        var engine = new StateMachineEngine(new EngineOptions { Time = new VirtualTimeProvider(Start), Mocks = mocks, RandomSeed = 7, EagerHistoryPayloads = eager, StartInline = !eager });
        var execution = engine.Start(definition, new StartExecutionRequest { Name = "deferred", Input = input });
        await execution.Completion;
        return execution.History;
    }

    private static string Payloads(HistoryEvent e) => string.Join(" | ",
        e.ExecutionStartedEventDetails?.Input, e.ExecutionSucceededEventDetails?.Output, e.StateEnteredEventDetails?.Input,
        e.StateExitedEventDetails?.Output, e.TaskScheduledEventDetails?.Parameters, e.TaskSubmittedEventDetails?.Output,
        e.TaskSucceededEventDetails?.Output);
}
