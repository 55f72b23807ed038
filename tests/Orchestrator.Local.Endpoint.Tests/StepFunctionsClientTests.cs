using Amazon.Runtime;
using Orchestrator.States.Execution;
using Sfn = Orchestrator.StepFunctions;

namespace Orchestrator.Local.Endpoint.Tests;

/// <summary>Our own SigV4 Step Functions client (the starter's) against the endpoint, unchanged but for ServiceUrl.</summary>
public sealed class StepFunctionsClientTests
{
    [Fact]
    public async Task TheStartersClientStartsDescribesPagesStopsAndRedrives()
    {
        await using var endpoint = await LocalStepFunctionsEndpoint.StartNewAsync(new LocalStepFunctionsOptions
        {
            Engine = new EngineOptions { Mocks = Definitions.FailOnceMocks() },
        });
        using var client = new Sfn.StepFunctionsClient(new Sfn.StepFunctionsClientOptions
        {
            Region = "us-east-1",
            ServiceUrl = endpoint.Uri,
            ResolveCredentials = () => new BasicAWSCredentials("AKIDLOCALTEST", "local-secret"),
        });
        var waiting = endpoint.RegisterStateMachine("waiting", Definitions.LongWait).Value!.StateMachineArn;
        var ecs = endpoint.RegisterStateMachine("ecs-job", Definitions.EcsTask).Value!.StateMachineArn;

        var first = await client.StartExecutionAsync(new Sfn.StartExecutionRequest { StateMachineArn = waiting, Name = "slot", Input = "{}" });
        var repeat = await client.StartExecutionAsync(new Sfn.StartExecutionRequest { StateMachineArn = waiting, Name = "slot", Input = "{}" });
        Assert.Equal(first, repeat);
        await Assert.ThrowsAsync<Sfn.ExecutionAlreadyExistsException>(() =>
            client.StartExecutionAsync(new Sfn.StartExecutionRequest { StateMachineArn = waiting, Name = "slot", Input = """{"other":1}""" }));

        var stopped = await client.StopExecutionAsync(new Sfn.StopExecutionRequest { ExecutionArn = first.ExecutionArn, Error = "Manual" });
        var described = await client.DescribeExecutionAsync(new Sfn.DescribeExecutionRequest { ExecutionArn = first.ExecutionArn });
        Assert.Equal(("ABORTED", "Manual"), (described.Status, described.Error));
        Assert.Equal(stopped.StopDate, described.StopDate);
        Assert.Equal(first.StartDate, described.StartDate);

        var job = await client.StartExecutionAsync(new Sfn.StartExecutionRequest { StateMachineArn = ecs, Name = "job-1" });
        await endpoint.WaitForCloseAsync(job.ExecutionArn);
        await client.RedriveExecutionAsync(new Sfn.RedriveExecutionRequest { ExecutionArn = job.ExecutionArn, ClientToken = "retry-1" });
        await endpoint.WaitForCloseAsync(job.ExecutionArn);
        var redriven = await client.DescribeExecutionAsync(new Sfn.DescribeExecutionRequest { ExecutionArn = job.ExecutionArn });
        Assert.Equal(("SUCCEEDED", 1), (redriven.Status, redriven.RedriveCount));
        await Assert.ThrowsAsync<Sfn.ExecutionNotRedrivableException>(() => client.RedriveExecutionAsync(new Sfn.RedriveExecutionRequest { ExecutionArn = job.ExecutionArn }));

        var history = new List<Sfn.HistoryEvent>();
        await foreach (var e in Sfn.Paging.GetAllHistoryAsync(client, new Sfn.GetExecutionHistoryRequest { ExecutionArn = job.ExecutionArn, MaxResults = 2 }))
        {
            history.Add(e);
        }

        Assert.Equal(history.Select(e => e.Id), Enumerable.Range(1, history.Count).Select(i => (long)i));
        Assert.Contains(history, e => e.Type == "ExecutionRedriven");

        await Assert.ThrowsAsync<Sfn.ExecutionDoesNotExistException>(() =>
            client.DescribeExecutionAsync(new Sfn.DescribeExecutionRequest { ExecutionArn = job.ExecutionArn + "-missing" }));
    }
}
