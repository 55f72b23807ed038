using Orchestrator.States.Integrations;

namespace Orchestrator.States.Execution;

/// <summary>How an engine runs executions: its clock, its task integrations and mocks, and the ARNs it reports.</summary>
public sealed record EngineOptions
{
    /// <summary>All time (Wait, backoff, timeouts, timestamps) comes from here; a virtual clock makes waits instant.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public TaskHandlerRegistry Tasks { get; init; } = new();

    /// <summary>Mocked responses by state name; consulted before <see cref="Tasks"/>.</summary>
    public MockedTaskResponses? Mocks { get; init; }

    /// <summary>Seed for jitter, States.MathRandom and States.UUID; null for a random seed.</summary>
    public int? RandomSeed { get; init; }

    public string Region { get; init; } = "us-east-1";

    public string AccountId { get; init; } = "123456789012";

    /// <summary>
    /// Run a started execution on the caller's thread until it first has to wait (a Task integration, a real-clock
    /// Wait), as a JavaScript engine runs an async function, instead of handing it to the thread pool at once. For
    /// runners that start an execution and await it (states run/test, the corpus, the bench); a server keeps false
    /// so StartExecution returns before the run begins.
    /// </summary>
    public bool StartInline { get; init; }

    /// <summary>
    /// Print history payloads (inputs, outputs, parameters) when they are recorded instead of on first read. Only for
    /// checking that the engine never changes a recorded value; it makes every state several times slower.
    /// </summary>
    public bool EagerHistoryPayloads { get; init; }
}
