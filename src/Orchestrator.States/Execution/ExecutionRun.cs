using System.Collections.Concurrent;
using Orchestrator.States.History;
using Orchestrator.States.Model;

namespace Orchestrator.States.Execution;

/// <summary>Everything one execution shares across its branches: identity, history, clock, integrations.</summary>
internal sealed class ExecutionRun(StateMachineDefinition definition, EngineOptions options, ExecutionIdentity identity, ExecutionHistory history)
{
    // Parallel branches may call Tasks at once; a plain dictionary under a lock costs less than a concurrent one per run.
    private readonly Lock _invocationsGate = new();
    private Dictionary<string, int>? _invocations;
    private ConcurrentDictionary<int, System.Text.Json.Nodes.JsonNode?>? _completedChildren;
    private string? _startTimeText;
    private Random? _random;

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

    /// <summary>For jitter, States.MathRandom and States.UUID; made on first use (a seeded Random costs more than most states).</summary>
    public Random Random => Volatile.Read(ref _random) ?? Interlocked.CompareExchange(ref _random, NewRandom(), null) ?? _random;

    private Random NewRandom() => Options.RandomSeed is { } seed ? new Random(seed) : new Random();

    /// <summary>
    /// Outputs of the iterations/branches that succeeded in the current top-level Map or Parallel state, by index:
    /// a redrive that resumes there reruns only the others ("preserves the results of the successful steps").
    /// Created on first use: most executions have no top-level Map or Parallel.
    /// </summary>
    public ConcurrentDictionary<int, System.Text.Json.Nodes.JsonNode?> CompletedChildren =>
        Volatile.Read(ref _completedChildren) ?? Interlocked.CompareExchange(ref _completedChildren, new(), null) ?? _completedChildren;

    /// <summary>Forgets the kept outputs when the top level moves to its next state.</summary>
    public void ForgetCompletedChildren() => Volatile.Write(ref _completedChildren, null);

    /// <summary>Zero-based invocation index of a Task state (retries count), as mocked responses are keyed.</summary>
    public int NextInvocation(string stateName)
    {
        lock (_invocationsGate)
        {
            _invocations ??= new Dictionary<string, int>(StringComparer.Ordinal);
            var next = _invocations.TryGetValue(stateName, out var last) ? last + 1 : 0;
            _invocations[stateName] = next;
            return next;
        }
    }
}
