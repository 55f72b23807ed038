using System.Text.Json;

namespace Orchestrator.StepFunctions.Tests;

/// <summary>Response shapes as AWS sends them: camelCase, timestamps as epoch seconds (fractional numbers).</summary>
public sealed class ResponseParsingTests
{
    private const string ExecutionArn = "arn:aws:states:eu-west-1:123456789012:execution:run-job:nightly-report-20261121T0300Z";

    [Fact]
    public async Task StartExecution_reads_the_arn_and_a_fractional_epoch_start_date()
    {
        await using var peer = new StepFunctionsPeer().Answer(ScriptedResponse.Ok($$"""{"executionArn":"{{ExecutionArn}}","startDate":1.763694000123E9}"""));
        using var client = ClientFactory.For(peer);

        var started = await client.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = "arn:aws:states:eu-west-1:123456789012:stateMachine:run-job" });

        Assert.Equal(ExecutionArn, started.ExecutionArn);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_763_694_000_123), started.StartDate);
    }

    [Fact]
    public async Task DescribeExecution_reads_every_field_including_redrive_state()
    {
        await using var peer = new StepFunctionsPeer().Answer(ScriptedResponse.Ok($$"""
            {"executionArn":"{{ExecutionArn}}","stateMachineArn":"arn:aws:states:eu-west-1:123456789012:stateMachine:run-job",
             "name":"nightly-report-20261121T0300Z","status":"FAILED","startDate":1763694000.5,"stopDate":1763694061,
             "input":"{\"job\":\"nightly-report\"}","inputDetails":{"included":true},"output":null,
             "error":"States.TaskFailed","cause":"{\"StopCode\":\"EssentialContainerExited\"}","traceHeader":"Root=1-abc",
             "redriveCount":1,"redriveDate":1763694100.25,"redriveStatus":"REDRIVABLE","redriveStatusReason":"ok",
             "someFieldAwsAddsLater":{"x":1} }
            """));
        using var client = ClientFactory.For(peer);

        var execution = await client.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = ExecutionArn });

        Assert.Equal(ExecutionStatus.Failed, execution.Status);
        Assert.Equal("nightly-report-20261121T0300Z", execution.Name);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_763_694_000_500), execution.StartDate);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_763_694_061), execution.StopDate);
        Assert.Equal("""{"job":"nightly-report"}""", execution.Input);
        Assert.Null(execution.Output);
        Assert.Equal("States.TaskFailed", execution.Error);
        Assert.Equal("""{"StopCode":"EssentialContainerExited"}""", execution.Cause);
        Assert.Equal(1, execution.RedriveCount);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_763_694_100_250), execution.RedriveDate);
        Assert.Equal(RedriveValues.Redrivable, execution.RedriveStatus);
    }

    [Fact]
    public async Task ListExecutions_reads_items_and_the_next_page_token()
    {
        await using var peer = new StepFunctionsPeer().Answer(ScriptedResponse.Ok($$"""
            {"executions":[
              {"executionArn":"{{ExecutionArn}}","stateMachineArn":"arn:sm","name":"a","status":"SUCCEEDED","startDate":1763694000,"stopDate":1763694010},
              {"executionArn":"arn:e2","stateMachineArn":"arn:sm","name":"b","status":"PENDING_REDRIVE","startDate":1763694020,"redriveCount":2}],
             "nextToken":"next-page"}
            """));
        using var client = ClientFactory.For(peer);

        var page = await client.ListExecutionsAsync(new ListExecutionsRequest { StateMachineArn = "arn:sm" });

        Assert.Equal(2, page.Executions.Length);
        Assert.Equal("a", page.Executions[0].Name);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_763_694_010), page.Executions[0].StopDate);
        Assert.Null(page.Executions[1].StopDate);
        Assert.Equal(ExecutionStatus.PendingRedrive, page.Executions[1].Status);
        Assert.Equal(2, page.Executions[1].RedriveCount);
        Assert.Equal("next-page", page.NextToken);
    }

    [Fact]
    public async Task GetExecutionHistory_keeps_each_events_details_as_raw_json_even_for_unknown_types()
    {
        await using var peer = new StepFunctionsPeer().Answer(ScriptedResponse.Ok("""
            {"events":[
              {"timestamp":1763694000.001,"type":"ExecutionStarted","id":1,"previousEventId":0,
               "executionStartedEventDetails":{"input":"{}","inputDetails":{"truncated":false},"roleArn":"arn:role"}},
              {"timestamp":1763694001,"type":"TaskFailed","id":5,"previousEventId":4,
               "taskFailedEventDetails":{"resourceType":"ecs","resource":"runTask.sync","error":"States.TaskFailed","cause":"{\"StopCode\":\"TaskFailedToStart\"}"}},
              {"timestamp":1763694002,"type":"SomethingNewFromAws","id":6,"previousEventId":5,
               "somethingNewFromAwsEventDetails":{"depth":{"nested":[1,2,3]}}}],
             "nextToken":"more"}
            """));
        using var client = ClientFactory.For(peer);

        var history = await client.GetExecutionHistoryAsync(new GetExecutionHistoryRequest { ExecutionArn = ExecutionArn });

        Assert.Equal(3, history.Events.Length);
        Assert.Equal("more", history.NextToken);

        var started = history.Events[0];
        Assert.Equal(1, started.Id);
        Assert.Equal(0, started.PreviousEventId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_763_694_000_001), started.Timestamp);
        Assert.Equal("arn:role", started.Details["executionStartedEventDetails"].GetProperty("roleArn").GetString());

        var failed = history.Events[1];
        Assert.Equal("TaskFailed", failed.Type);
        Assert.Equal(4, failed.PreviousEventId);
        var details = Assert.NotNull(failed.EventDetails);
        Assert.Equal("States.TaskFailed", details.GetProperty("error").GetString());
        Assert.Equal("""{"StopCode":"TaskFailedToStart"}""", details.GetProperty("cause").GetString());

        var unknown = history.Events[2];
        Assert.Equal("SomethingNewFromAws", unknown.Type);
        Assert.Equal(JsonValueKind.Array, unknown.EventDetails!.Value.GetProperty("depth").GetProperty("nested").ValueKind);
        Assert.DoesNotContain("id", unknown.Details.Keys);
    }

    [Fact]
    public async Task Stop_and_redrive_read_their_dates()
    {
        await using var peer = new StepFunctionsPeer().Answer(
            ScriptedResponse.Ok("""{"stopDate":1763694000.75}"""),
            ScriptedResponse.Ok("""{"redriveDate":"2026-11-21T03:00:00Z"}"""));
        using var client = ClientFactory.For(peer);

        var stopped = await client.StopExecutionAsync(new StopExecutionRequest { ExecutionArn = ExecutionArn });
        var redriven = await client.RedriveExecutionAsync(new RedriveExecutionRequest { ExecutionArn = ExecutionArn });

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_763_694_000_750), stopped.StopDate);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 3, 0, 0, TimeSpan.Zero), redriven.RedriveDate);
    }

    [Fact]
    public async Task A_success_status_with_a_body_that_is_not_the_shape_is_reported_not_swallowed()
    {
        await using var peer = new StepFunctionsPeer().Answer(ScriptedResponse.Ok("<html>proxy</html>"));
        using var client = ClientFactory.For(peer);

        var error = await Assert.ThrowsAsync<StepFunctionsException>(() => client.StopExecutionAsync(new StopExecutionRequest { ExecutionArn = ExecutionArn }));

        Assert.Equal("UnreadableResponse", error.ErrorCode);
    }
}
