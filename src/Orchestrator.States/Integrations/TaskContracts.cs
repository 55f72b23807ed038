using System.Text.Json.Nodes;

namespace Orchestrator.States.Integrations;

/// <summary>One call of a Task state's resource: the evaluated Parameters plus who is calling.</summary>
public sealed record TaskInvocation
{
    public required string Resource { get; init; }

    private JsonNode? _parameters;
    private Execution.PreparedPayload? _prepared;

    /// <summary>The evaluated Parameters; the engine builds them into nodes when a handler first reads this.</summary>
    public JsonNode? Parameters
    {
        get => _prepared is { } prepared ? prepared.Node : _parameters;
        init
        {
            _parameters = value;
            _prepared = null;
        }
    }

    internal Execution.PreparedPayload? PreparedParameters
    {
        init => _prepared = value;
    }

    public required string StateName { get; init; }

    /// <summary>Zero-based count of earlier invocations of this state in this execution (retries included).</summary>
    public int InvocationIndex { get; init; }

    public required string ExecutionArn { get; init; }

    public required string ExecutionName { get; init; }

    public string? TaskToken { get; init; }

    /// <summary>Tells the engine the task is alive (SendTaskHeartbeat): restarts the HeartbeatSeconds countdown.</summary>
    public Action? Heartbeat { get; init; }

    /// <summary>Reports an intermediate response (e.g. the RunTask answer of a .sync call) as a TaskSubmitted event.</summary>
    public Action<JsonNode?>? Submitted { get; init; }
}

/// <summary>What a task handler returns: a result, or an ASL error (name and cause) that Retry/Catch will see.</summary>
public abstract record TaskOutcome
{
    public static TaskOutcome Success(JsonNode? output) => new TaskSucceeded(output);

    public static TaskOutcome Failure(string error, string? cause) => new TaskFailure(error, cause);
}

public sealed record TaskSucceeded(JsonNode? Output) : TaskOutcome;

public sealed record TaskFailure(string Error, string? Cause) : TaskOutcome;

/// <summary>Runs the work behind one kind of Task resource. Must honour the token: a task timeout cancels it.</summary>
public interface ITaskHandler
{
    ValueTask<TaskOutcome> InvokeAsync(TaskInvocation invocation, CancellationToken cancellation);
}
