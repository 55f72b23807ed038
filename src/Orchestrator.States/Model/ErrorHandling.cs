namespace Orchestrator.States.Model;

/// <summary>Jitter applied to a retry interval.</summary>
public enum JitterStrategy
{
    None,
    Full,
}

/// <summary>One Retry entry, with ASL defaults already applied.</summary>
public sealed record Retrier
{
    public required IReadOnlyList<string> ErrorEquals { get; init; }

    public double IntervalSeconds { get; init; } = 1;

    public int MaxAttempts { get; init; } = 3;

    public double BackoffRate { get; init; } = 2.0;

    public double? MaxDelaySeconds { get; init; }

    public JitterStrategy Jitter { get; init; } = JitterStrategy.None;
}

/// <summary>One Catch entry: matched errors go to Next with the error output placed by ResultPath.</summary>
public sealed record Catcher
{
    public required IReadOnlyList<string> ErrorEquals { get; init; }

    public required string Next { get; init; }

    public PathField ResultPath { get; init; } = PathField.Root;

    public PayloadTemplate? Assign { get; init; }

    /// <summary>Output and Assign over $states.errorOutput when the state's QueryLanguage is JSONata.</summary>
    public JsonataClauseFields? Jsonata { get; init; }
}
