namespace Orchestrator.StepFunctions;

public sealed record StopExecutionRequest
{
    public required string ExecutionArn { get; init; }

    public string? Error { get; init; }

    public string? Cause { get; init; }
}

public sealed record StopExecutionResponse
{
    public required DateTimeOffset StopDate { get; init; }
}
