using Orchestrator.States.History;
using Orchestrator.States.Json;
using Orchestrator.States.Model;

namespace Orchestrator.States.Execution;

/// <summary>Starts executions of loaded state machines with one set of options (clock, integrations, mocks).</summary>
public sealed class StateMachineEngine(EngineOptions options)
{
    public EngineOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>StartExecution: returns at once with a RUNNING execution; await <see cref="Execution.Completion"/>.</summary>
    public Execution Start(StateMachineDefinition definition, StartExecutionRequest request)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(request);
        var name = request.Name ?? Guid.NewGuid().ToString();
        var prefix = $"arn:aws:states:{Options.Region}:{Options.AccountId}";
        var identity = new ExecutionIdentity
        {
            ExecutionArn = $"{prefix}:execution:{request.StateMachineName}:{name}",
            Name = name,
            StateMachineArn = $"{prefix}:stateMachine:{request.StateMachineName}",
            StateMachineName = request.StateMachineName,
            RoleArn = request.RoleArn ?? $"arn:aws:iam::{Options.AccountId}:role/orchestrator-local",
            StartTime = Options.Time.GetUtcNow(),
            Input = JsonValues.Clone(request.Input),
        };
        var execution = new Execution(new ExecutionRun(definition, Options, identity, new ExecutionHistory()));
        execution.Begin();
        return execution;
    }

    /// <summary>Starts an execution and waits for it to end.</summary>
    public Task<ExecutionResult> RunAsync(StateMachineDefinition definition, StartExecutionRequest request) =>
        Start(definition, request).Completion;
}
