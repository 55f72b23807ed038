using Orchestrator.States.Model;

namespace Orchestrator.Local.Endpoint.Store;

/// <summary>A state machine as CreateStateMachine stored it: the text the caller sent and the model the engine runs.</summary>
internal sealed record RegisteredStateMachine
{
    public required string Name { get; init; }

    public required string Arn { get; init; }

    public required string DefinitionText { get; init; }

    public required StateMachineDefinition Definition { get; init; }

    public required string RoleArn { get; init; }

    public required string Type { get; init; }

    public required DateTimeOffset CreationDate { get; init; }

    public bool IsExpress => Type == StateMachineTypes.Express;
}

internal static class StateMachineTypes
{
    public const string Standard = "STANDARD";
    public const string Express = "EXPRESS";
}
