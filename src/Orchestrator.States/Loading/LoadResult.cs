using Orchestrator.States.Model;

namespace Orchestrator.States.Loading;

/// <summary>One thing wrong with a definition, located by a JSON pointer (RFC 6901) into the definition.</summary>
public sealed record ValidationProblem(string Pointer, string Message)
{
    public override string ToString() => (Pointer.Length == 0 ? "/" : Pointer) + ": " + Message;
}

/// <summary>
/// A feature the definition uses that this engine cannot run yet (today: a Distributed Map's ItemReader, ResultWriter
/// or ItemBatcher). Distinct from a problem: the definition may be valid for AWS, it just cannot run here.
/// </summary>
public sealed record UnsupportedFeature(string Pointer, string Feature, string Message)
{
    public override string ToString() => (Pointer.Length == 0 ? "/" : Pointer) + ": " + Message;
}

/// <summary>The outcome of loading a definition: a runnable model only when there are no problems and nothing unsupported.</summary>
public sealed record LoadResult
{
    public StateMachineDefinition? Definition { get; init; }

    public IReadOnlyList<ValidationProblem> Problems { get; init; } = [];

    public IReadOnlyList<UnsupportedFeature> Unsupported { get; init; } = [];

    public bool IsValid => Problems.Count == 0;

    public bool IsRunnable => Definition is not null && Problems.Count == 0 && Unsupported.Count == 0;
}
