using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Local.Endpoint.Tests;

/// <summary>The JSON 1.0 protocol by hand: error shapes, malformed bodies, required members, timestamps, paging.</summary>
public sealed class ProtocolTests : IAsyncLifetime, IDisposable
{
    private LocalStepFunctionsEndpoint _endpoint = null!;
    private WireClient _client = null!;

    public async Task InitializeAsync()
    {
        _endpoint = await LocalStepFunctionsEndpoint.StartNewAsync();
        _client = new WireClient(_endpoint.Uri);
    }

    public async Task DisposeAsync() => await _endpoint.DisposeAsync();

    public void Dispose() => _client.Dispose();

    [Fact]
    public void ListensOnLoopbackOnAPickedPort()
    {
        Assert.Equal("127.0.0.1", _endpoint.Uri.Host);
        Assert.NotEqual(0, _endpoint.Uri.Port);
    }

    [Fact]
    public async Task UnknownOperationIsAnAwsShapedError()
    {
        var answer = await _client.CallAsync("LaunchRockets", "{}");
        Assert.Equal(400, answer.Status);
        Assert.Equal("com.amazonaws.states#UnknownOperationException", answer.ErrorType);
        Assert.Equal("UnknownOperationException", answer.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Equal("application/x-amz-json-1.0", answer.ContentType);
        Assert.Single(answer.Headers.GetValues("x-amzn-RequestId"));

        var noTarget = await _client.SendAsync(null, "{}");
        Assert.Equal("com.amazonaws.states#UnknownOperationException", noTarget.ErrorType);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"maxResults":"ten"}""")]
    public async Task MalformedBodiesAreSerializationExceptions(string body)
    {
        var answer = await _client.CallAsync("ListStateMachines", body);
        Assert.Equal(400, answer.Status);
        Assert.Equal("com.amazonaws.states#SerializationException", answer.ErrorType);
        Assert.DoesNotContain("   at ", answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingRequiredMemberIsAValidationException()
    {
        var answer = await _client.CallAsync("StartExecution", """{"name":"x"}""");
        Assert.Equal("com.amazonaws.states#ValidationException", answer.ErrorType);
        Assert.Equal("1 validation error detected: Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be null", answer.Message);
    }

    [Fact]
    public async Task JsonOnePointOneAndAnEmptyBodyAreAccepted()
    {
        var answer = await _client.CallAsync("ListStateMachines", string.Empty, "application/x-amz-json-1.1");
        Assert.Equal(200, answer.Status);
        Assert.Empty(answer.Json["stateMachines"]!.AsArray());
    }

    [Fact]
    public async Task ArnsAreCheckedThenLookedUp()
    {
        var invalid = await _client.CallAsync("DescribeExecution", """{"executionArn":"not-an-arn"}""");
        Assert.Equal("com.amazonaws.states#InvalidArn", invalid.ErrorType);

        var wrongType = await _client.CallAsync("DescribeStateMachine", """{"stateMachineArn":"arn:aws:states:us-east-1:123456789012:execution:m:e"}""");
        Assert.Equal("com.amazonaws.states#InvalidArn", wrongType.ErrorType);

        var missing = await _client.CallAsync("StartExecution", """{"stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:nope"}""");
        Assert.Equal("com.amazonaws.states#StateMachineDoesNotExist", missing.ErrorType);
        Assert.Equal("State Machine Does Not Exist: 'arn:aws:states:us-east-1:123456789012:stateMachine:nope'", missing.Message);
    }

    [Fact]
    public async Task ADifferentDefinitionUnderAnExistingNameIsStateMachineAlreadyExists()
    {
        await _client.OkAsync("CreateStateMachine", Machine("twice", Definitions.PassChoice));
        var answer = await _client.CallAsync("CreateStateMachine", Machine("twice", Definitions.LongWait).ToJsonString());
        Assert.Equal("com.amazonaws.states#StateMachineAlreadyExists", answer.ErrorType);

        var badType = await _client.CallAsync("CreateStateMachine", Typed(Machine("typed", Definitions.PassChoice), "BATCH"));
        Assert.Equal("com.amazonaws.states#ValidationException", badType.ErrorType);

        var invalid = await _client.CallAsync("CreateStateMachine", Machine("broken", """{"StartAt":"A","States":{}}""").ToJsonString());
        Assert.Equal("com.amazonaws.states#InvalidDefinition", invalid.ErrorType);
        Assert.StartsWith("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: ", invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimestampsAreEpochSecondsNumbers()
    {
        var created = await _client.OkAsync("CreateStateMachine", Machine("clock", Definitions.PassChoice));
        Assert.Equal(JsonValueKind.Number, created["creationDate"]!.GetValueKind());
        var started = await _client.OkAsync("StartExecution", new JsonObject { ["stateMachineArn"] = created["stateMachineArn"]!.GetValue<string>() });
        var startDate = started["startDate"]!.GetValue<decimal>();
        Assert.InRange(startDate, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds());

        // No name: a UUID, as AWS generates.
        var name = started["executionArn"]!.GetValue<string>().Split(':')[^1];
        Assert.True(Guid.TryParse(name, out _), name);
    }

    [Fact]
    public async Task HistoryPagesForwardAndBackwardAndCanLeaveDataOut()
    {
        var arn = await RunToCloseAsync("history", Definitions.PassChoice, """{"go":true}""");
        var all = await _client.OkAsync("GetExecutionHistory", new JsonObject { ["executionArn"] = arn });
        var ids = all["events"]!.AsArray().Select(e => e!["id"]!.GetValue<long>()).ToList();
        Assert.Equal(8, ids.Count);

        Assert.Equal(ids, await PagedIdsAsync(arn, reverse: false));
        Assert.Equal(ids.AsEnumerable().Reverse(), await PagedIdsAsync(arn, reverse: true));

        var bare = await _client.OkAsync("GetExecutionHistory", new JsonObject { ["executionArn"] = arn, ["includeExecutionData"] = false });
        var started = bare["events"]![0]!["executionStartedEventDetails"]!.AsObject();
        Assert.False(started.ContainsKey("input"));

        var badToken = await _client.CallAsync("GetExecutionHistory", new JsonObject { ["executionArn"] = arn, ["nextToken"] = "garbage" }.ToJsonString());
        Assert.Equal("com.amazonaws.states#InvalidToken", badToken.ErrorType);

        var tooMany = await _client.CallAsync("GetExecutionHistory", new JsonObject { ["executionArn"] = arn, ["maxResults"] = 1001 }.ToJsonString());
        Assert.Equal("com.amazonaws.states#ValidationException", tooMany.ErrorType);
    }

    [Fact]
    public async Task ListExecutionsPagesNewestFirstWithoutRepeatsWhileNewOnesStart()
    {
        var machineArn = (await _client.OkAsync("CreateStateMachine", Machine("many", Definitions.PassChoice)))["stateMachineArn"]!.GetValue<string>();
        foreach (var i in Enumerable.Range(1, 5))
        {
            await _client.OkAsync("StartExecution", new JsonObject { ["stateMachineArn"] = machineArn, ["name"] = $"run-{i}" });
        }

        var names = new List<string>();
        string? token = null;
        do
        {
            var page = await _client.OkAsync("ListExecutions", new JsonObject { ["stateMachineArn"] = machineArn, ["maxResults"] = 2, ["nextToken"] = token });
            names.AddRange(page["executions"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()));
            token = page["nextToken"]?.GetValue<string>();
            if (names.Count == 2)
            {
                // A start between pages must not shift the later pages.
                await _client.OkAsync("StartExecution", new JsonObject { ["stateMachineArn"] = machineArn, ["name"] = "late" });
            }
        }
        while (token is not null);

        Assert.Equal(["run-5", "run-4", "run-3", "run-2", "run-1"], names);

        var noArn = await _client.CallAsync("ListExecutions", "{}");
        Assert.Equal("com.amazonaws.states#ValidationException", noArn.ErrorType);
    }

    [Fact]
    public async Task StoppingAClosedExecutionChangesNothing()
    {
        var arn = await RunToCloseAsync("closed", Definitions.PassChoice, """{"go":true}""");
        var before = await _client.OkAsync("DescribeExecution", new JsonObject { ["executionArn"] = arn });
        var stopped = await _client.OkAsync("StopExecution", new JsonObject { ["executionArn"] = arn, ["error"] = "Late" });
        Assert.Equal(before["stopDate"]!.ToJsonString(), stopped["stopDate"]!.ToJsonString());
        var after = await _client.OkAsync("DescribeExecution", new JsonObject { ["executionArn"] = arn });
        Assert.Equal("SUCCEEDED", after["status"]!.GetValue<string>());
        Assert.Equal("NOT_REDRIVABLE", after["redriveStatus"]!.GetValue<string>());

        var notRedrivable = await _client.CallAsync("RedriveExecution", new JsonObject { ["executionArn"] = arn }.ToJsonString());
        Assert.Equal("com.amazonaws.states#ExecutionNotRedrivable", notRedrivable.ErrorType);

        var metadata = await _client.OkAsync("DescribeExecution", new JsonObject { ["executionArn"] = arn, ["includedData"] = "METADATA_ONLY" });
        Assert.False(metadata.ContainsKey("input"));
        Assert.False(metadata.ContainsKey("output"));
    }

    [Fact]
    public async Task DeletedStateMachinesAreGone()
    {
        var arn = (await _client.OkAsync("CreateStateMachine", Machine("short-lived", Definitions.PassChoice)))["stateMachineArn"]!.GetValue<string>();
        await _client.OkAsync("DeleteStateMachine", new JsonObject { ["stateMachineArn"] = arn });
        var answer = await _client.CallAsync("DescribeStateMachine", new JsonObject { ["stateMachineArn"] = arn }.ToJsonString());
        Assert.Equal("com.amazonaws.states#StateMachineDoesNotExist", answer.ErrorType);
    }

    private static JsonObject Machine(string name, string definition) =>
        new() { ["name"] = name, ["definition"] = definition, ["roleArn"] = "arn:aws:iam::123456789012:role/local" };

    private static string Typed(JsonObject machine, string type)
    {
        machine["type"] = type;
        return machine.ToJsonString();
    }

    private async Task<string> RunToCloseAsync(string machine, string definition, string input)
    {
        var machineArn = (await _client.OkAsync("CreateStateMachine", Machine(machine, definition)))["stateMachineArn"]!.GetValue<string>();
        var arn = (await _client.OkAsync("StartExecution", new JsonObject { ["stateMachineArn"] = machineArn, ["input"] = input }))["executionArn"]!.GetValue<string>();
        await _endpoint.WaitForCloseAsync(arn);
        return arn;
    }

    private async Task<List<long>> PagedIdsAsync(string arn, bool reverse)
    {
        var ids = new List<long>();
        string? token = null;
        do
        {
            var page = await _client.OkAsync("GetExecutionHistory", new JsonObject { ["executionArn"] = arn, ["maxResults"] = 3, ["reverseOrder"] = reverse, ["nextToken"] = token });
            ids.AddRange(page["events"]!.AsArray().Select(e => e!["id"]!.GetValue<long>()));
            token = page["nextToken"]?.GetValue<string>();
        }
        while (token is not null);
        return ids;
    }
}
