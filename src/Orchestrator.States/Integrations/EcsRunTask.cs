using System.Text.Json.Nodes;
using Orchestrator.States.Errors;
using Orchestrator.States.Json;

namespace Orchestrator.States.Integrations;

/// <summary>What the RunTask API call produced: the response (Tasks and Failures, PascalCase) or an API exception.</summary>
public abstract record EcsRunTaskResult;

/// <summary>HTTP 200: the RunTask response, e.g. {"Tasks":[{...,"TaskArn":"..."}],"Failures":[]}.</summary>
public sealed record EcsRunTaskResponse(JsonObject Response) : EcsRunTaskResult;

/// <summary>
/// RunTask threw. ExceptionName is the service exception's name; a generic error (such as "Capacity is unavailable at this
/// time...") is AmazonECSException, which Step Functions reports as ECS.AmazonECSException.
/// </summary>
public sealed record EcsApiError(string ExceptionName, string Message, string? ErrorCode = null) : EcsRunTaskResult;

/// <summary>
/// Runs ECS tasks for the ecs:runTask integration. A local implementation runs the container command as a process.
/// Both calls must honour the token: a Task state's timeout cancels it, and the runner must then stop the task.
/// </summary>
public interface IEcsTaskRunner
{
    /// <summary>RunTask with the state's Parameters (PascalCase RunTask request).</summary>
    ValueTask<EcsRunTaskResult> RunTaskAsync(JsonObject request, CancellationToken cancellation);

    /// <summary>Waits until the task is STOPPED and returns its DescribeTasks task object (PascalCase, epoch-ms times).</summary>
    ValueTask<JsonObject> WaitUntilStoppedAsync(string taskArn, CancellationToken cancellation);
}

/// <summary>
/// arn:aws:states:::ecs:runTask(.sync) with AWS's output and error shapes:
/// request-response returns the RunTask response; .sync returns the stopped task object (not wrapped in Tasks[]);
/// a task that stopped with a non-zero exit code or never started fails with States.TaskFailed and the task JSON as
/// Cause; RunTask Failures fail with AmazonECS.Unknown; a RunTask exception fails with ECS.&lt;ExceptionName&gt;.
/// </summary>
public sealed class EcsRunTaskHandler(IEcsTaskRunner runner) : ITaskHandler
{
    public const string RunTask = "arn:aws:states:::ecs:runTask";
    public const string RunTaskSync = "arn:aws:states:::ecs:runTask.sync";
    public const string FailuresError = "AmazonECS.Unknown";

    /// <summary>Registers this handler for both resources.</summary>
    public static TaskHandlerRegistry Register(TaskHandlerRegistry registry, IEcsTaskRunner runner)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var handler = new EcsRunTaskHandler(runner);
        return registry.Register(RunTask, handler).Register(RunTaskSync, handler);
    }

    public async ValueTask<TaskOutcome> InvokeAsync(TaskInvocation invocation, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var sync = invocation.Resource.EndsWith(".sync", StringComparison.Ordinal);
        var request = invocation.Parameters?.DeepClone() as JsonObject ?? [];
        if (sync)
        {
            // Step Functions marks the tasks it starts (seen in recorded AWS histories).
            request.TryAdd("StartedBy", "AWS Step Functions");
        }

        var started = await runner.RunTaskAsync(request, cancellation);
        if (started is EcsApiError api)
        {
            var code = api.ErrorCode ?? api.ExceptionName;
            return TaskOutcome.Failure("ECS." + api.ExceptionName,
                $"{api.Message} (Service: AmazonECS; Status Code: 400; Error Code: {code}; Request ID: {Guid.NewGuid()}; Proxy: null)");
        }

        var response = ((EcsRunTaskResponse)started).Response;
        if (!sync)
        {
            return TaskOutcome.Success(response.DeepClone());
        }

        invocation.Submitted?.Invoke(response.DeepClone());
        if (response["Failures"] is JsonArray { Count: > 0 })
        {
            return TaskOutcome.Failure(FailuresError, JsonValues.ToJson(response));
        }

        var taskArn = (response["Tasks"] as JsonArray)?.FirstOrDefault()?["TaskArn"]?.GetValue<string>();
        if (taskArn is null)
        {
            return TaskOutcome.Failure(FailuresError, "RunTask returned no task and no failures: " + JsonValues.ToJson(response));
        }

        var task = await runner.WaitUntilStoppedAsync(taskArn, cancellation);
        return Succeeded(task)
            ? TaskOutcome.Success(task)
            : TaskOutcome.Failure(StatesErrorNames.TaskFailed, JsonValues.ToJson(task));
    }

    /// <summary>Success is decided by exit codes, not StopCode (a good run also has StopCode EssentialContainerExited).</summary>
    public static bool Succeeded(JsonObject task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (JsonValues.TryGetString(task["StopCode"], out var stopCode) && stopCode == "TaskFailedToStart")
        {
            return false;
        }

        var containers = task["Containers"] as JsonArray ?? [];
        var exitCodes = containers.Select(c => c?["ExitCode"]).Where(e => e is not null).ToList();
        return exitCodes.Count > 0 && exitCodes.All(e => JsonValues.TryGetInt64(e, out var code) && code == 0);
    }
}
