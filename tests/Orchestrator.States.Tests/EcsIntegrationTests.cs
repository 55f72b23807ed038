using System.Text.Json.Nodes;
using Orchestrator.States.Execution;
using Orchestrator.States.Integrations;
using Orchestrator.States.Json;

namespace Orchestrator.States.Tests;

/// <summary>An ECS runner that returns scripted RunTask answers and stopped tasks, honouring cancellation like a real one must.</summary>
internal sealed class FakeEcsRunner(EcsRunTaskResult start, JsonObject? stopped = null, Func<CancellationToken, Task>? work = null) : IEcsTaskRunner
{
    public List<JsonObject> Requests { get; } = [];

    public bool StopRequested { get; private set; }

    public ValueTask<EcsRunTaskResult> RunTaskAsync(JsonObject request, CancellationToken cancellation)
    {
        Requests.Add(request);
        return ValueTask.FromResult(start);
    }

    public async ValueTask<JsonObject> WaitUntilStoppedAsync(string taskArn, CancellationToken cancellation)
    {
        try
        {
            if (work is not null)
            {
                await work(cancellation);
            }
        }
        catch (OperationCanceledException)
        {
            StopRequested = true;
            throw;
        }

        return (JsonObject)stopped!.DeepClone();
    }

    public static JsonObject Task(int? exitCode, string stopCode = "EssentialContainerExited", string reason = "Essential container in task exited")
    {
        var container = new JsonObject { ["Name"] = "app", ["LastStatus"] = "STOPPED" };
        if (exitCode is { } code)
        {
            container["ExitCode"] = code;
        }

        return new JsonObject
        {
            ["TaskArn"] = "arn:aws:ecs:us-east-1:123456789012:task/cluster/abc",
            ["LastStatus"] = "STOPPED",
            ["StopCode"] = stopCode,
            ["StoppedReason"] = reason,
            ["CreatedAt"] = 1625021107575,
            ["Containers"] = new JsonArray(container),
        };
    }

    public static EcsRunTaskResponse Started() => new(new JsonObject
    {
        ["Failures"] = new JsonArray(),
        ["Tasks"] = new JsonArray(new JsonObject { ["TaskArn"] = "arn:aws:ecs:us-east-1:123456789012:task/cluster/abc", ["LastStatus"] = "PROVISIONING" }),
    });
}

public class EcsIntegrationTests
{
    private const string SyncMachine = """
        {"StartAt":"Run","States":{"Run":{"Type":"Task","Resource":"arn:aws:states:::ecs:runTask.sync",
          "Parameters":{"Cluster":"c","TaskDefinition":"td","LaunchType":"FARGATE"},"End":true}}}
        """;

    private static EngineOptions Options(IEcsTaskRunner runner, TimeProvider? time = null) =>
        new() { Time = time ?? new FakeTimeProvider(), Tasks = EcsRunTaskHandler.Register(new TaskHandlerRegistry(), runner) };

    [Fact]
    public async Task Success_outputs_the_single_stopped_task_object()
    {
        var runner = new FakeEcsRunner(FakeEcsRunner.Started(), FakeEcsRunner.Task(0));
        var execution = Run.Engine(Options(runner)).Start(Run.Load(SyncMachine), new StartExecutionRequest());
        var result = await execution.Completion;
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.Equal(JsonValues.ToJson(FakeEcsRunner.Task(0)), JsonValues.ToJson(result.Output));
        Assert.Equal("AWS Step Functions", runner.Requests[0]["StartedBy"]!.GetValue<string>());
        Assert.Contains(execution.History, e => e.Type == "TaskSubmitted" && e.TaskSubmittedEventDetails!.Output!.Contains("PROVISIONING", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_non_zero_exit_is_States_TaskFailed_with_the_task_as_cause()
    {
        var task = FakeEcsRunner.Task(2);
        var result = await Run.Async(SyncMachine, "{}", Options(new FakeEcsRunner(FakeEcsRunner.Started(), task)));
        Assert.Equal("States.TaskFailed", result.Error);
        Assert.Equal(JsonValues.ToJson(task), result.Cause);
        Assert.Equal(2, JsonValues.Parse(result.Cause!)!["Containers"]![0]!["ExitCode"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_task_that_never_started_is_States_TaskFailed()
    {
        var task = FakeEcsRunner.Task(null, "TaskFailedToStart", "ResourceInitializationError: unable to pull secrets or registry auth");
        var result = await Run.Async(SyncMachine, "{}", Options(new FakeEcsRunner(FakeEcsRunner.Started(), task)));
        Assert.Equal("States.TaskFailed", result.Error);
        Assert.Equal("TaskFailedToStart", JsonValues.Parse(result.Cause!)!["StopCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunTask_failures_are_AmazonECS_Unknown()
    {
        var response = new EcsRunTaskResponse(new JsonObject
        {
            ["Tasks"] = new JsonArray(),
            ["Failures"] = new JsonArray(new JsonObject { ["Arn"] = "arn:x", ["Reason"] = "RESOURCE:FARGATE" }),
        });
        var result = await Run.Async(SyncMachine, "{}", Options(new FakeEcsRunner(response)));
        Assert.Equal("AmazonECS.Unknown", result.Error);
        Assert.Contains("RESOURCE:FARGATE", result.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_RunTask_exception_is_ECS_AmazonECSException()
    {
        var error = new EcsApiError("AmazonECSException", "Capacity is unavailable at this time. Please try again later or in a different availability zone");
        var result = await Run.Async(SyncMachine, "{}", Options(new FakeEcsRunner(error)));
        Assert.Equal("ECS.AmazonECSException", result.Error);
        Assert.StartsWith("Capacity is unavailable at this time. Please try again later or in a different availability zone", result.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Launch_failures_can_be_retried_and_then_succeed()
    {
        var clock = new FakeTimeProvider();
        var mocks = MockedTaskResponses.FromResponsesByState("""
            {"Run":{"0":{"Throw":{"Error":"ECS.AmazonECSException","Cause":"Capacity is unavailable at this time."}},"1":{"Return":{"StopCode":"EssentialContainerExited"}}}}
            """);
        var machine = SyncMachine.Replace("\"End\":true", "\"Retry\":[{\"ErrorEquals\":[\"ECS.AmazonECSException\",\"AmazonECS.Unknown\"],\"IntervalSeconds\":5,\"BackoffRate\":2,\"MaxAttempts\":4}],\"End\":true", StringComparison.Ordinal);
        Run.Equal("""{"StopCode":"EssentialContainerExited"}""", await Run.Output(machine, "{}", new EngineOptions { Time = clock, Mocks = mocks }));
        Assert.Equal([TimeSpan.FromSeconds(5)], clock.Advances);
    }

    [Fact]
    public async Task A_task_timeout_cancels_the_runner_so_the_task_is_stopped()
    {
        var clock = new FakeTimeProvider();
        var runner = new FakeEcsRunner(FakeEcsRunner.Started(), FakeEcsRunner.Task(0), async cancellation =>
        {
            clock.Advance(TimeSpan.FromHours(2));
            await Task.Delay(Timeout.Infinite, cancellation);
        });
        var machine = SyncMachine.Replace("\"End\":true", "\"TimeoutSeconds\":3600,\"End\":true", StringComparison.Ordinal);
        var execution = Run.Engine(Options(runner, clock)).Start(Run.Load(machine), new StartExecutionRequest());
        var result = await execution.Completion;
        Assert.Equal("States.Timeout", result.Error);
        Assert.True(runner.StopRequested);
        Assert.Contains(execution.History, e => e.Type == "TaskTimedOut");
    }

    [Fact]
    public async Task Request_response_returns_the_RunTask_response()
    {
        var output = await Run.Output("""{"StartAt":"Run","States":{"Run":{"Type":"Task","Resource":"arn:aws:states:::ecs:runTask","End":true}}}""", "{}",
            Options(new FakeEcsRunner(FakeEcsRunner.Started())));
        Assert.Equal("PROVISIONING", output!["Tasks"]![0]!["LastStatus"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(0, "EssentialContainerExited", true)]
    [InlineData(1, "EssentialContainerExited", false)]
    [InlineData(null, "TaskFailedToStart", false)]
    [InlineData(0, "TaskFailedToStart", false)]
    public void Success_is_decided_by_exit_code(int? exitCode, string stopCode, bool succeeded) =>
        Assert.Equal(succeeded, EcsRunTaskHandler.Succeeded(FakeEcsRunner.Task(exitCode, stopCode)));
}
