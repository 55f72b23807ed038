using System.Text.Json;

namespace Orchestrator.Cli.Tests;

public sealed class StatesRunTests : IDisposable
{
    private const string TaskMachine = """
        {"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","OutputPath":"$.Payload",
          "Retry":[{"ErrorEquals":["Flaky"],"IntervalSeconds":30,"MaxAttempts":2}],"End":true}}}
        """;

    private readonly Cli _cli = new();

    public void Dispose() => _cli.Dispose();

    private static JsonElement Parse(string output) => JsonDocument.Parse(output).RootElement.Clone();

    [Fact]
    public async Task A_successful_run_prints_status_and_output()
    {
        var definition = _cli.Write("m.json", """{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":86400,"Next":"P"},"P":{"Type":"Pass","Parameters":{"v.$":"$.v"},"End":true}}}""");
        var input = _cli.Write("in.json", """{"v":[1,2]}""");
        var (code, output, _) = await Cli.RunAsync("states", "run", "--definition", definition, "--input", input);
        Assert.Equal(0, code);
        var result = Parse(output);
        Assert.Equal("SUCCEEDED", result.GetProperty("status").GetString());
        Assert.Equal("[1,2]", result.GetProperty("output").GetProperty("v").GetRawText().Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_run_prints_error_and_cause_and_exits_1()
    {
        var definition = _cli.Write("f.json", """{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Nope","Cause":"because"}}}""");
        var (code, output, _) = await Cli.RunAsync("states", "run", "--definition", definition, "--input", "{}");
        Assert.Equal(1, code);
        var result = Parse(output);
        Assert.Equal(("FAILED", "Nope", "because"), (result.GetProperty("status").GetString(), result.GetProperty("error").GetString(), result.GetProperty("cause").GetString()));
    }

    [Fact]
    public async Task An_invalid_definition_exits_2_with_every_problem()
    {
        var definition = _cli.Write("bad.json", """{"StartAt":"X","States":{"A":{"Type":"Pass"}}}""");
        var (code, output, error) = await Cli.RunAsync("states", "run", "--definition", definition);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains("/StartAt", error, StringComparison.Ordinal);
        Assert.Contains("/States/A", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mock_config_and_test_case_drive_task_results()
    {
        var definition = _cli.Write("Orders.asl.json", TaskMachine);
        var config = _cli.Write("MockConfigFile.json", """
            {"StateMachines":{"Orders":{"TestCases":{"RetryPath":{"Work":"FlakyThenOk"}}}},
             "MockedResponses":{"FlakyThenOk":{"0-1":{"Throw":{"Error":"Flaky","Cause":"x"}},"2":{"Return":{"Payload":{"ok":true}}}}}}
            """);
        var (code, output, error) = await Cli.RunAsync("states", "run", "--definition", definition, "--mock-config", config, "--test-case", "RetryPath");
        Assert.True(code == 0, error);
        Assert.True(Parse(output).GetProperty("output").GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task Mocks_by_state_name()
    {
        var definition = _cli.Write("m.json", TaskMachine);
        var mocks = _cli.Write("mocks.json", """{"Work":{"0":{"Throw":{"Error":"Fatal","Cause":"no"}}}}""");
        var (code, output, _) = await Cli.RunAsync("states", "run", "--definition", definition, "--mocks", mocks);
        Assert.Equal(1, code);
        Assert.Equal("Fatal", Parse(output).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Bad_input_and_bad_mocks_are_plain_messages()
    {
        var definition = _cli.Write("m.json", TaskMachine);
        var (code, _, error) = await Cli.RunAsync("states", "run", "--definition", definition, "--input", "{not json");
        Assert.NotEqual(0, code);
        Assert.Contains("--input is neither an existing file nor valid JSON", error, StringComparison.Ordinal);

        var config = _cli.Write("cfg.json", """{"StateMachines":{},"MockedResponses":{}}""");
        (code, _, error) = await Cli.RunAsync("states", "run", "--definition", definition, "--mock-config", config, "--test-case", "Nope");
        Assert.NotEqual(0, code);
        Assert.Contains("no test cases for state machine 'm'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_without_mock_or_handler_names_state_and_resource()
    {
        var definition = _cli.Write("m.json", TaskMachine);
        var (code, output, _) = await Cli.RunAsync("states", "run", "--definition", definition);
        Assert.Equal(1, code);
        var cause = Parse(output).GetProperty("cause").GetString();
        Assert.Contains("'Work'", cause, StringComparison.Ordinal);
        Assert.Contains("arn:aws:states:::lambda:invoke", cause, StringComparison.Ordinal);
    }
}

public sealed class StatesRunHistoryTests : IDisposable
{
    private readonly Cli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task History_is_written_in_the_GetExecutionHistory_shape()
    {
        var definition = _cli.Write("m.json", """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""");
        var historyPath = Path.Combine(_cli.Folder, "history.json");
        var (code, _, _) = await Cli.RunAsync("states", "run", "--definition", definition, "--name", "run-1", "--history", historyPath);
        Assert.Equal(0, code);
        using var history = JsonDocument.Parse(await File.ReadAllTextAsync(historyPath));
        var types = history.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"], types);
    }

    [Fact]
    public async Task An_invalid_execution_name_is_a_plain_message()
    {
        var definition = _cli.Write("m.json", """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""");
        var (code, _, error) = await Cli.RunAsync("states", "run", "--definition", definition, "--name", "bad name");
        Assert.NotEqual(0, code);
        Assert.Contains("not allowed", error, StringComparison.Ordinal);
    }
}

public sealed class StatesRunDynamoDbTests(Orchestrator.Testing.DynaliteFixture dynalite) : IClassFixture<Orchestrator.Testing.DynaliteFixture>, IDisposable
{
    private readonly Cli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task DynamoDB_tasks_reach_the_given_endpoint()
    {
        var definition = _cli.Write("m.json", """
            {"StartAt":"Get","States":{"Get":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:getItem","Parameters":{"TableName":"missing","Key":{"pk":{"S":"x"}}},"End":true}}}
            """);
        var (code, output, _) = await Cli.RunAsync("states", "run", "--definition", definition, "--dynamodb-endpoint", dynalite.Endpoint);
        Assert.Equal(1, code);
        Assert.Equal("DynamoDB.ResourceNotFoundException", JsonDocument.Parse(output).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_bad_endpoint_is_a_plain_message()
    {
        var definition = _cli.Write("m.json", """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""");
        var (code, _, error) = await Cli.RunAsync("states", "run", "--definition", definition, "--dynamodb-endpoint", "not a url");
        Assert.NotEqual(0, code);
        Assert.Contains("--dynamodb-endpoint must be an http(s) URL", error, StringComparison.Ordinal);
    }
}

public sealed class StatesRunHistoryFileTests : IDisposable
{
    private readonly Cli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task An_unwritable_history_path_is_a_plain_message()
    {
        var definition = _cli.Write("m.json", """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""");
        var (code, _, error) = await Cli.RunAsync("states", "run", "--definition", definition, "--history", Path.Combine(_cli.Folder, "no-such-dir", "h.json"));
        Assert.NotEqual(0, code);
        Assert.Contains("Cannot write the history file", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }
}
