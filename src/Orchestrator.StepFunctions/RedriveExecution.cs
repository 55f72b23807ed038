namespace Orchestrator.StepFunctions;

/// <summary>
/// RedriveExecution keeps the execution's name and ARN and reruns from the failed state.
/// <see cref="ClientToken"/> makes a repeated call idempotent (AWS remembers the last 10 tokens for 15 minutes).
/// </summary>
public sealed record RedriveExecutionRequest
{
    public required string ExecutionArn { get; init; }

    public string? ClientToken { get; init; }
}

public sealed record RedriveExecutionResponse
{
    public required DateTimeOffset RedriveDate { get; init; }
}
