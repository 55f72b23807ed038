namespace Orchestrator.StepFunctions;

public sealed record DescribeExecutionRequest
{
    public required string ExecutionArn { get; init; }

    /// <summary>"ALL_DATA" (default) or "METADATA_ONLY".</summary>
    public string? IncludedData { get; init; }
}

public sealed record DescribeExecutionResponse
{
    public required string ExecutionArn { get; init; }

    public required string StateMachineArn { get; init; }

    public string? Name { get; init; }

    /// <summary>One of <see cref="ExecutionStatus"/>; unknown values are passed through.</summary>
    public required string Status { get; init; }

    public required DateTimeOffset StartDate { get; init; }

    public DateTimeOffset? StopDate { get; init; }

    public string? Input { get; init; }

    public string? Output { get; init; }

    public string? Error { get; init; }

    public string? Cause { get; init; }

    public string? TraceHeader { get; init; }

    public string? MapRunArn { get; init; }

    public string? StateMachineVersionArn { get; init; }

    public string? StateMachineAliasArn { get; init; }

    public int? RedriveCount { get; init; }

    public DateTimeOffset? RedriveDate { get; init; }

    /// <summary>One of <see cref="RedriveValues"/> REDRIVABLE / NOT_REDRIVABLE / REDRIVABLE_BY_MAP_RUN.</summary>
    public string? RedriveStatus { get; init; }

    public string? RedriveStatusReason { get; init; }
}
