using System.Text.Json.Nodes;

namespace Orchestrator.States.Execution;

/// <summary>What the context object says about the execution and its state machine.</summary>
public sealed record ExecutionIdentity
{
    private string? _executionArn;

    /// <summary>arn:aws:states:REGION:ACCOUNT:execution:MACHINE:NAME; set, or made from StateMachineArn and Name when first read.</summary>
    public string ExecutionArn
    {
        get => _executionArn ??= StateMachineArn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":" + Name;
        init => _executionArn = value;
    }

    public required string Name { get; init; }

    public required string StateMachineArn { get; init; }

    public required string StateMachineName { get; init; }

    public string RoleArn { get; init; } = "arn:aws:iam::123456789012:role/orchestrator-local";

    public required DateTimeOffset StartTime { get; init; }

    public JsonNode? Input { get; init; }

    public int RedriveCount { get; init; }

    public DateTimeOffset? RedriveTime { get; init; }
}
