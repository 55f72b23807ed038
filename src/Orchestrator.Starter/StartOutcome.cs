namespace Orchestrator.Starter;

/// <summary>What one delivery of a scheduled slot led to. Values, not exceptions: each is a normal outcome.</summary>
public enum StartOutcomeKind
{
    /// <summary>This delivery claimed the slot and started its execution.</summary>
    Started,

    /// <summary>The slot was already claimed and started (or finished) by another delivery.</summary>
    Duplicate,

    /// <summary>The slot is recorded SKIPPED: its starting deadline passed, or Forbid with a run in progress.</summary>
    Skipped,

    /// <summary>An earlier delivery claimed the slot and died before starting it; this one started it.</summary>
    Resumed,
}

public sealed record StartOutcome
{
    public required StartOutcomeKind Kind { get; init; }

    public required string Job { get; init; }

    public required string RunId { get; init; }

    public string? ExecutionArn { get; init; }

    /// <summary>Why a slot was skipped or judged a duplicate, in words.</summary>
    public string? Reason { get; init; }
}
