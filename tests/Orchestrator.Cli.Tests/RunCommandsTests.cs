using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Orchestrator.Ledger;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests;

/// <summary>runs / run show / rerun against dynalite and a loopback Step Functions peer, as they would run against AWS.</summary>
public sealed class RunCommandsTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>, IAsyncLifetime, IDisposable
{
    private const string StateMachine = "arn:aws:states:us-east-1:123456789012:stateMachine:run-job";
    private static readonly DateTimeOffset Slot = new(2026, 11, 20, 3, 0, 0, TimeSpan.Zero);
    private readonly StepFunctionsIdempotencyPeer _peer = new();
    private readonly string _table = "runs-" + Guid.NewGuid().ToString("N")[..12];
    private AmazonDynamoDBClient? _dynamo;
    private RunLedger? _ledger;

    public async Task InitializeAsync()
    {
        _dynamo = new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"), new AmazonDynamoDBConfig { ServiceURL = dynalite.Endpoint, AuthenticationRegion = "us-east-1" });
        await RunTable.EnsureExistsAsync(_dynamo, _table);
        _ledger = new RunLedger(_dynamo, _table, TimeProvider.System);
        for (var day = 0; day < 3; day++)
        {
            var slot = Slot.AddDays(day);
            var runId = Scheduling.Runs.RunId.For("report", slot);
            await _ledger.ClaimAsync(new NewRun { RunId = runId, Job = "report", ScheduledTime = slot, ExpiresAt = slot.AddDays(90), Container = "main", LogStreamPrefix = "report/main" });
            var arn = StateMachine.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":" + runId;
            await _ledger.MarkRunningAsync(runId, arn, slot);
            await _ledger.FinalizeAsync(new ExecutionEnd { RunId = runId, ExecutionArn = arn, Status = day == 1 ? RunStatus.Failed : RunStatus.Succeeded, StartDate = slot, StopDate = slot.AddSeconds(42), Error = day == 1 ? "States.TaskFailed" : null });
        }

        await _ledger.ClaimAsync(new NewRun { RunId = Scheduling.Runs.RunId.For("other", Slot), Job = "other", ScheduledTime = Slot, ExpiresAt = Slot.AddDays(90) });
    }

    [Fact]
    public async Task Runs_lists_a_jobs_runs_newest_first_with_status_filter()
    {
        var (code, output, error) = await Cli.RunAsync(Args("runs", "--job", "report", "--json"));

        Assert.True(code == 0, error);
        var runs = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.Equal(["report-20261122T030000Z", "report-20261121T030000Z", "report-20261120T030000Z"], runs.Select(r => r.GetProperty("runId").GetString()));
        Assert.Equal("FAILED", runs[1].GetProperty("status").GetString());

        var (_, failedOnly, _) = await Cli.RunAsync(Args("runs", "--status", "failed", "--since", "2026-11-01T00:00:00Z", "--json"));
        Assert.Equal("report-20261121T030000Z", Assert.Single(JsonDocument.Parse(failedOnly).RootElement.EnumerateArray().ToList()).GetProperty("runId").GetString());
    }

    [Fact]
    public async Task Runs_without_a_job_lists_every_job_as_a_table()
    {
        var (code, output, _) = await Cli.RunAsync(Args("runs"));

        Assert.Equal(0, code);
        Assert.StartsWith("RUN AT", output, StringComparison.Ordinal);
        Assert.Contains("other-20261120T030000Z", output, StringComparison.Ordinal);
        Assert.Equal(5, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Run_show_prints_the_record_and_says_when_history_is_unavailable()
    {
        var (code, output, _) = await Cli.RunAsync(Args("run", "show", "report-20261121T030000Z"));

        Assert.Equal(0, code);
        Assert.Contains("report-20261121T030000Z  FAILED", output, StringComparison.Ordinal);
        Assert.Contains("error      States.TaskFailed", output, StringComparison.Ordinal);
        Assert.Contains("duration 42.0s", output, StringComparison.Ordinal);
        Assert.Contains("(unavailable:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_show_of_an_unknown_run_says_where_it_looked()
    {
        var (code, _, error) = await Cli.RunAsync(Args("run", "show", "nope"));

        Assert.Equal(1, code);
        Assert.Contains($"No run 'nope' in table {_table}", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rerun_starts_a_manual_execution_with_the_runs_input_and_the_overrides()
    {
        var original = """{"job":"report","runId":"report-20261121T030000Z","trigger":"schedule","task":{"overrides":{"ContainerOverrides":[{"Name":"main","Environment":[{"Name":"DAY","Value":"1"}]}]}},"timeoutSeconds":60}""";
        await _peer.StartForTestAsync(StateMachine, "report-20261121T030000Z", original);

        var (code, output, error) = await Cli.RunAsync(Args("rerun", "report-20261121T030000Z", "--override", "env.DAY=2", "--override", "timeoutSeconds=120", "--override", "command=echo again"));

        Assert.True(code == 0, error);
        var rerun = Assert.Single(_peer.Executions.Values, e => e.Name != "report-20261121T030000Z");
        Assert.StartsWith("report-manual-", rerun.Name, StringComparison.Ordinal);
        Assert.False(Scheduling.Runs.RunId.TryParse(rerun.Name, out _, out _));
        Assert.Contains(rerun.Name, output, StringComparison.Ordinal);
        var input = JsonDocument.Parse(rerun.Input).RootElement;
        Assert.Equal("manual", input.GetProperty("trigger").GetString());
        Assert.Equal(120, input.GetProperty("timeoutSeconds").GetInt32());
        var container = input.GetProperty("task").GetProperty("overrides").GetProperty("ContainerOverrides")[0];
        Assert.Equal("""[{"Name":"DAY","Value":"2"}]""", container.GetProperty("Environment").GetRawText());
        Assert.Equal("""["sh","-c","echo again"]""", container.GetProperty("Command").GetRawText());
        var originalRecord = await _ledger!.GetAsync("report-20261121T030000Z");
        Assert.Equal(RunStatus.Failed, originalRecord!.Status);
    }

    [Fact]
    public async Task Missing_table_setting_is_explained()
    {
        var (code, _, error) = await Cli.RunAsync("runs", "--endpoint-url", _peer.Endpoint.ToString());

        Assert.Equal(2, code);
        Assert.Contains("--table", error, StringComparison.Ordinal);
    }

    private string[] Args(params string[] command) =>
        [.. command, "--table", _table, "--endpoint-url", _peer.Endpoint.ToString(), "--dynamodb-endpoint-url", dynalite.Endpoint, "--state-machine-arn", StateMachine];

    public async Task DisposeAsync() => await _peer.DisposeAsync();

    public void Dispose() => _dynamo?.Dispose();
}
