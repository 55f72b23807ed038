using System.Collections.Concurrent;
using Orchestrator.States.History;
using Orchestrator.States.Model;

namespace Orchestrator.States.Execution;

/// <summary>Everything one execution shares across its branches: identity, history, clock, integrations.</summary>
internal sealed class ExecutionRun(StateMachineDefinition definition, EngineOptions options, ExecutionIdentity identity, ExecutionHistory history)
{
    private readonly ConcurrentDictionary<string, int> _invocations = new(StringComparer.Ordinal);
    private string? _startTimeText;

    public StateMachineDefinition Definition { get; } = definition;

    public EngineOptions Options { get; } = options;

    public ExecutionIdentity Identity { get; set; } = identity;

    public ExecutionHistory History { get; } = history;

    /// <summary>The top-level state last entered and its input: where a redrive resumes.</summary>
    public (string State, System.Text.Json.Nodes.JsonNode? Input)? Position { get; set; }

    public TimeProvider Time => Options.Time;

    /// <summary>$$.Execution.StartTime as text, formatted once per execution.</summary>
    public string StartTimeText => _startTimeText ??= Timestamps.Format(Identity.StartTime);

    /// <summary>A history payload: printed when the history is read, or now with EagerHistoryPayloads.</summary>
    public DeferredJson Payload(System.Text.Json.Nodes.JsonNode? node) => DeferredJson.OfNode(node, Options.EagerHistoryPayloads);

    public Random Random { get; } = options.RandomSeed is { } seed ? new Random(seed) : new Random();

    /// <summary>
    /// Outputs of the iterations/branches that succeeded in the current top-level Map or Parallel state, by index:
    /// a redrive that resumes there reruns only the others ("preserves the results of the successful steps").
    /// </summary>
    public ConcurrentDictionary<int, System.Text.Json.Nodes.JsonNode?> CompletedChildren { get; } = new();

    /// <summary>Zero-based invocation index of a Task state (retries count), as mocked responses are keyed.</summary>
    public int NextInvocation(string stateName) => _invocations.AddOrUpdate(stateName, 0, (_, n) => n + 1);
}
