using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Orchestrator.States.Integrations;

namespace Orchestrator.Definitions.Tests;

/// <summary>One scripted RunTask outcome, in the order the state machine will launch.</summary>
public abstract record EcsScript
{
    public sealed record Exits(int Code) : EcsScript;

    public sealed record FailsToStart(string StoppedReason) : EcsScript;

    public sealed record Throws(string ExceptionName, string Message) : EcsScript;

    public sealed record ReturnsFailures(string Reason) : EcsScript;

    /// <summary>Runs until cancelled (the state's timeout); then the task is stopped.</summary>
    public sealed record Hangs : EcsScript;
}

/// <summary>
/// An IEcsTaskRunner that plays a script and returns the task shapes AWS returns (DescribeTasks task objects,
/// PascalCase, epoch-millisecond times). Records every RunTask request and every stop.
/// </summary>
public sealed class ScriptedEcs(TimeProvider time, params EcsScript[] script) : IEcsTaskRunner
{
    private readonly ConcurrentQueue<EcsScript> _script = new(script);
    private readonly ConcurrentDictionary<string, EcsScript> _running = new();
    private int _launches;

    public List<JsonObject> Requests { get; } = [];

    public List<string> Stopped { get; } = [];

    public TaskCompletionSource HangStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Remaining => _script.Count;

    public ValueTask<EcsRunTaskResult> RunTaskAsync(JsonObject request, CancellationToken cancellation)
    {
        lock (Requests)
        {
            Requests.Add((JsonObject)request.DeepClone());
        }

        if (!_script.TryDequeue(out var next))
        {
            throw new InvalidOperationException("the state machine launched more tasks than the test scripted");
        }

        switch (next)
        {
            case EcsScript.Throws thrown:
                return ValueTask.FromResult<EcsRunTaskResult>(new EcsApiError(thrown.ExceptionName, thrown.Message));
            case EcsScript.ReturnsFailures failures:
                return ValueTask.FromResult<EcsRunTaskResult>(new EcsRunTaskResponse(new JsonObject
                {
                    ["Tasks"] = new JsonArray(),
                    ["Failures"] = new JsonArray(new JsonObject { ["Arn"] = "arn:aws:ecs:us-east-1:123456789012:container-instance/x", ["Reason"] = failures.Reason }),
                }));
        }

        var taskArn = "arn:aws:ecs:us-east-1:123456789012:task/orchestrator/" + Interlocked.Increment(ref _launches).ToString("x8", CultureInfo.InvariantCulture);
        _running[taskArn] = next;
        return ValueTask.FromResult<EcsRunTaskResult>(new EcsRunTaskResponse(new JsonObject
        {
            ["Tasks"] = new JsonArray(new JsonObject { ["TaskArn"] = taskArn, ["LastStatus"] = "PROVISIONING" }),
            ["Failures"] = new JsonArray(),
        }));
    }

    public async ValueTask<JsonObject> WaitUntilStoppedAsync(string taskArn, CancellationToken cancellation)
    {
        var started = time.GetUtcNow().ToUnixTimeMilliseconds();
        switch (_running[taskArn])
        {
            case EcsScript.Exits exits:
                return Task(taskArn, "EssentialContainerExited", "Essential container in task exited", started, exits.Code);
            case EcsScript.FailsToStart failed:
                return Task(taskArn, "TaskFailedToStart", failed.StoppedReason, started, exitCode: null);
            default:
                HangStarted.TrySetResult();
                try
                {
                    await System.Threading.Tasks.Task.Delay(Timeout.InfiniteTimeSpan, cancellation);
                }
                catch (OperationCanceledException)
                {
                    lock (Stopped)
                    {
                        Stopped.Add(taskArn);
                    }

                    throw;
                }

                throw new InvalidOperationException("unreachable");
        }
    }

    private static JsonObject Task(string taskArn, string stopCode, string reason, long startedMs, int? exitCode)
    {
        var container = new JsonObject { ["Name"] = "main", ["LastStatus"] = "STOPPED", ["TaskArn"] = taskArn };
        if (exitCode is { } code)
        {
            container["ExitCode"] = code;
        }

        var task = new JsonObject
        {
            ["TaskArn"] = taskArn,
            ["ClusterArn"] = "arn:aws:ecs:us-east-1:123456789012:cluster/orchestrator",
            ["LastStatus"] = "STOPPED",
            ["DesiredStatus"] = "STOPPED",
            ["StopCode"] = stopCode,
            ["StoppedReason"] = reason,
            ["CreatedAt"] = startedMs,
            ["StoppedAt"] = startedMs + 5000,
            ["Containers"] = new JsonArray(container),
            ["StartedBy"] = "AWS Step Functions",
        };
        if (exitCode is not null)
        {
            task["StartedAt"] = startedMs + 1000;
        }

        return task;
    }
}
