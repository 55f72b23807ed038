using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Orchestrator.Local.Endpoint.Protocol;
using Orchestrator.States.Execution;
using StartExecutionRequest = Orchestrator.Local.Endpoint.Protocol.StartExecutionRequest;

namespace Orchestrator.Local.Endpoint.Tests;

/// <summary>What local mode uses beside HTTP: registration, the closed-execution callback, and one execution per name under load.</summary>
public sealed class LocalModeApiTests
{
    [Fact]
    public async Task ManyConcurrentStartsOfOneNameMakeExactlyOneExecution()
    {
        await using var endpoint = await LocalStepFunctionsEndpoint.StartNewAsync();
        var machineArn = endpoint.RegisterStateMachine("waiting", Definitions.LongWait).Value!.StateMachineArn;
        using var client = new WireClient(endpoint.Uri);
        var body = new JsonObject { ["stateMachineArn"] = machineArn, ["name"] = "slot", ["input"] = """{"n":1}""" }.ToJsonString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => client.CallAsync("StartExecution", body))));

        Assert.All(answers, a => Assert.Equal(200, a.Status));
        Assert.Single(answers.Select(a => a.Json["executionArn"]!.GetValue<string>() + "@" + a.Json["startDate"]!.ToJsonString()).Distinct());
        var listed = await client.OkAsync("ListExecutions", new JsonObject { ["stateMachineArn"] = machineArn });
        Assert.Single(listed["executions"]!.AsArray());
        await endpoint.StopExecutionAsync(answers[0].Json["executionArn"]!.GetValue<string>());
    }

    [Fact]
    public async Task ClosedExecutionsAreReportedLikeTheEventBridgeStatusChangeEvent()
    {
        var changes = new ConcurrentQueue<ExecutionStatusChange>();
        await using var endpoint = await LocalStepFunctionsEndpoint.StartNewAsync(new LocalStepFunctionsOptions
        {
            Engine = new EngineOptions { Mocks = Definitions.FailOnceMocks() },
            ExecutionClosed = (change, _) =>
            {
                changes.Enqueue(change);
                return ValueTask.CompletedTask;
            },
        });
        var machineArn = endpoint.RegisterStateMachine("ecs-job", Definitions.EcsTask).Value!.StateMachineArn;
        var started = await endpoint.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = machineArn, Name = "nightly-0200", Input = """{"job":"nightly"}""" });
        var arn = started.Value!.ExecutionArn;
        var failed = await endpoint.WaitForCloseAsync(arn);
        Assert.Equal("FAILED", failed!.Status);

        using var client = new WireClient(endpoint.Uri);
        await client.OkAsync("RedriveExecution", new JsonObject { ["executionArn"] = arn });
        await endpoint.WaitForCloseAsync(arn);
        await WaitUntilAsync(() => changes.Count == 2);

        var (first, second) = (changes.ToArray()[0], changes.ToArray()[1]);
        Assert.Equal(("nightly-0200", "FAILED", "ECS.AmazonECSException", "capacity unavailable"), (first.Name, first.Status, first.Error, first.Cause));
        Assert.Equal(("SUCCEEDED", 1), (second.Status, second.RedriveCount));
        Assert.Equal("""{"job":"nightly"}""", second.Input);
        Assert.NotNull(second.StopDate);
        Assert.True(second.StopDate >= second.StartDate);

        var envelope = JsonNode.Parse(first.ToEventJson("123456789012", "us-east-1", DateTimeOffset.UtcNow))!;
        Assert.Equal("Step Functions Execution Status Change", envelope["detail-type"]!.GetValue<string>());
        Assert.Equal("aws.states", envelope["source"]!.GetValue<string>());
        Assert.Equal(arn, envelope["resources"]![0]!.GetValue<string>());
        Assert.Equal(first.StartDate, envelope["detail"]!["startDate"]!.GetValue<long>());
        Assert.Equal("FAILED", envelope["detail"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task RegistrationReportsProblemsAndCanReplaceADefinition()
    {
        await using var endpoint = new LocalStepFunctionsEndpoint();
        var invalid = endpoint.RegisterStateMachine("broken", """{"StartAt":"Nowhere","States":{}}""");
        Assert.Equal("InvalidDefinition", invalid.Error!.Code);

        Assert.True(endpoint.RegisterStateMachine("job", Definitions.PassChoice).IsSuccess);
        Assert.Equal("StateMachineAlreadyExists", endpoint.RegisterStateMachine("job", Definitions.LongWait).Error!.Code);
        Assert.True(endpoint.RegisterStateMachine("job", Definitions.LongWait, replaceExisting: true).IsSuccess);
        Assert.Equal(endpoint.StateMachineArn("job"), endpoint.RegisterStateMachine("job", Definitions.LongWait).Value!.StateMachineArn);

        // Without HTTP at all: programmatic start and describe work before StartAsync.
        var started = await endpoint.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = endpoint.StateMachineArn("job") });
        var described = await endpoint.DescribeExecutionAsync(started.Value!.ExecutionArn);
        Assert.Equal("RUNNING", described.Value!.Status);
        var stopped = await endpoint.StopExecutionAsync(started.Value.ExecutionArn, "Shutdown", "local mode exiting");
        Assert.True(stopped.IsSuccess);
        Assert.Equal("ABORTED", (await endpoint.DescribeExecutionAsync(started.Value.ExecutionArn)).Value!.Status);
    }

    [Fact]
    public async Task AVirtualClockRunsWaitsInstantlyAndStopStillAnswers()
    {
        await using var endpoint = new LocalStepFunctionsEndpoint(new LocalStepFunctionsOptions
        {
            Engine = new EngineOptions { Time = new VirtualTimeProvider(DateTimeOffset.Parse("2026-11-21T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture)) },
        });
        var machineArn = endpoint.RegisterStateMachine("waiting", Definitions.LongWait).Value!.StateMachineArn;
        var started = await endpoint.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = machineArn, Name = "virtual" });
        var closed = await endpoint.WaitForCloseAsync(started.Value!.ExecutionArn);
        Assert.Equal("SUCCEEDED", closed!.Status);
        Assert.Equal(300_000, closed.StopDate - closed.StartDate);

        var stopped = await endpoint.StopExecutionAsync(started.Value.ExecutionArn);
        Assert.Equal(closed.StopDate, stopped.Value!.StopDate.ToUnixTimeMilliseconds());
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the execution-closed callback");
            await Task.Delay(10);
        }
    }
}
