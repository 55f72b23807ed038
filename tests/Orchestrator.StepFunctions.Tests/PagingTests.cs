using System.Text.Json.Nodes;

namespace Orchestrator.StepFunctions.Tests;

public sealed class PagingTests
{
    [Fact]
    public async Task ListAllExecutions_follows_next_token_keeping_the_other_arguments()
    {
        await using var peer = new StepFunctionsPeer().Answer(
            ScriptedResponse.Ok("""{"executions":[{"executionArn":"arn:e1","stateMachineArn":"arn:sm","name":"a","status":"FAILED","startDate":1}],"nextToken":"p2"}"""),
            ScriptedResponse.Ok("""{"executions":[{"executionArn":"arn:e2","stateMachineArn":"arn:sm","name":"b","status":"FAILED","startDate":2}]}"""));
        using var client = ClientFactory.For(peer);

        var names = new List<string>();
        await foreach (var execution in client.ListAllExecutionsAsync(new ListExecutionsRequest { StateMachineArn = "arn:sm", StatusFilter = ExecutionStatus.Failed }))
        {
            names.Add(execution.Name);
        }

        Assert.Equal(["a", "b"], names);
        Assert.Equal(2, peer.Requests.Count);
        var second = JsonNode.Parse(peer.Requests[1].Body)!;
        Assert.Equal("p2", second["nextToken"]!.GetValue<string>());
        Assert.Equal("FAILED", second["statusFilter"]!.GetValue<string>());
        Assert.Null(JsonNode.Parse(peer.Requests[0].Body)!["nextToken"]);
    }

    [Fact]
    public async Task GetAllHistory_returns_the_events_of_every_page_in_order()
    {
        await using var peer = new StepFunctionsPeer().Answer(
            ScriptedResponse.Ok("""{"events":[{"id":1,"timestamp":1,"type":"ExecutionStarted"},{"id":2,"previousEventId":1,"timestamp":2,"type":"TaskStateEntered"}],"nextToken":"n"}"""),
            ScriptedResponse.Ok("""{"events":[{"id":3,"previousEventId":2,"timestamp":3,"type":"ExecutionSucceeded"}]}"""));
        using var client = ClientFactory.For(peer);

        var ids = new List<long>();
        await foreach (var historyEvent in client.GetAllHistoryAsync(new GetExecutionHistoryRequest { ExecutionArn = "arn:e" }))
        {
            ids.Add(historyEvent.Id);
        }

        Assert.Equal([1L, 2L, 3L], ids);
    }
}
