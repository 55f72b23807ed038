using System.Collections.Immutable;

namespace Orchestrator.StepFunctions;

/// <summary>ListExecutions: give <see cref="StateMachineArn"/> (or <see cref="MapRunArn"/>); page with <see cref="NextToken"/>.</summary>
public sealed record ListExecutionsRequest
{
    public string? StateMachineArn { get; init; }

    /// <summary>One of <see cref="ExecutionStatus"/>.</summary>
    public string? StatusFilter { get; init; }

    /// <summary>Page size; AWS defaults 0 to 100 and caps at 1000.</summary>
    public int? MaxResults { get; init; }

    public string? NextToken { get; init; }

    public string? MapRunArn { get; init; }

    /// <summary><see cref="RedriveValues.FilterRedriven"/> or <see cref="RedriveValues.FilterNotRedriven"/>.</summary>
    public string? RedriveFilter { get; init; }
}

public sealed record ListExecutionsResponse
{
    public ImmutableArray<ExecutionListItem> Executions { get; init; } = [];

    public string? NextToken { get; init; }
}

public sealed record ExecutionListItem
{
    public required string ExecutionArn { get; init; }

    public required string StateMachineArn { get; init; }

    public required string Name { get; init; }

    public required string Status { get; init; }

    public required DateTimeOffset StartDate { get; init; }

    public DateTimeOffset? StopDate { get; init; }

    public string? MapRunArn { get; init; }

    public int? ItemCount { get; init; }

    public string? StateMachineVersionArn { get; init; }

    public string? StateMachineAliasArn { get; init; }

    public int? RedriveCount { get; init; }

    public DateTimeOffset? RedriveDate { get; init; }
}
