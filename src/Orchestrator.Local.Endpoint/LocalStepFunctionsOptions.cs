using Orchestrator.States.Execution;

namespace Orchestrator.Local.Endpoint;

/// <summary>How the local endpoint runs: the engine's options (clock, task handlers, mocks, region/account), its port, and who hears about closed executions.</summary>
public sealed record LocalStepFunctionsOptions
{
    /// <summary>Clock, TaskHandlerRegistry (ECS, DynamoDB), mocked responses, region and account for ARNs.</summary>
    public EngineOptions Engine { get; init; } = new();

    /// <summary>Port on 127.0.0.1; 0 picks a free one (read it back from <see cref="LocalStepFunctionsEndpoint.Uri"/>).</summary>
    public int Port { get; init; }

    /// <summary>
    /// Called once each time an execution reaches SUCCEEDED, FAILED, TIMED_OUT or ABORTED (again after each redrive):
    /// local mode finalizes run records here as the EventBridge rule does in AWS.
    /// </summary>
    public Func<ExecutionStatusChange, CancellationToken, ValueTask>? ExecutionClosed { get; init; }

    /// <summary>Local DynamoDB to pass DynamoDB requests on to, so one --endpoint-url serves a client of both; null answers them UnknownOperation.</summary>
    public Uri? DynamoDbPassThrough { get; init; }

    /// <summary>How long (wall clock) StopExecution waits for the engine to record ABORTED before it answers.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
