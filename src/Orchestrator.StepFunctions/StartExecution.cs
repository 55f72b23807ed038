namespace Orchestrator.StepFunctions;

/// <summary>StartExecution request. <see cref="Input"/> is the JSON text sent verbatim (AWS compares it byte for byte).</summary>
public sealed record StartExecutionRequest
{
    public required string StateMachineArn { get; init; }

    public string? Name { get; init; }

    public string? Input { get; init; }

    public string? TraceHeader { get; init; }
}

public sealed record StartExecutionResponse
{
    public required string ExecutionArn { get; init; }

    public required DateTimeOffset StartDate { get; init; }
}
