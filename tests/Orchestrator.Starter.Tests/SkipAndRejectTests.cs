using System.Text.Json;
using Orchestrator.LambdaRuntime;
using Orchestrator.Ledger;
using Orchestrator.Scheduling.Runs;
using Orchestrator.Testing;

namespace Orchestrator.Starter.Tests;

public sealed class SkipAndRejectTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    private static readonly DateTimeOffset Slot = new(2026, 11, 21, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_delivery_past_its_starting_deadline_is_recorded_SKIPPED_and_not_started()
    {
        await using var harness = await StarterHarness.StartAsync(dynalite, Slot.AddSeconds(601));

        var response = await harness.InvokeAsync(Deliveries.For("deadline", Slot, ",\"startingDeadlineSeconds\":600"));

        Assert.Equal("Skipped", JsonDocument.Parse(response).RootElement.GetProperty("outcome").GetString());
        Assert.Empty(harness.Peer.Executions);
        var record = await harness.Ledger.GetAsync(RunId.For("deadline", Slot));
        Assert.Equal(RunStatus.Skipped, record!.Status);
        Assert.Contains("deadline", record.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delivery_within_its_deadline_runs()
    {
        await using var harness = await StarterHarness.StartAsync(dynalite, Slot.AddSeconds(599));

        var response = await harness.InvokeAsync(Deliveries.For("intime", Slot, ",\"startingDeadlineSeconds\":600"));

        Assert.Contains("\"Started\"", response);
        Assert.Single(harness.Peer.Executions);
    }

    [Fact]
    public async Task Forbid_skips_a_slot_while_the_previous_run_is_still_running_and_runs_it_once_that_ended()
    {
        await using var harness = await StarterHarness.StartAsync(dynalite, Slot.AddSeconds(1));
        const string forbid = ",\"concurrency\":\"Forbid\"";
        Assert.Contains("\"Started\"", await harness.InvokeAsync(Deliveries.For("exclusive", Slot, forbid)));

        harness.Clock.Set(Slot.AddMinutes(1).AddSeconds(1));
        var second = await harness.InvokeAsync(Deliveries.For("exclusive", Slot.AddMinutes(1), forbid));
        Assert.Equal("Skipped", JsonDocument.Parse(second).RootElement.GetProperty("outcome").GetString());
        var skipped = await harness.Ledger.GetAsync(RunId.For("exclusive", Slot.AddMinutes(1)));
        Assert.Equal(RunStatus.Skipped, skipped!.Status);
        Assert.Contains(RunId.For("exclusive", Slot), skipped.SkipReason, StringComparison.Ordinal);

        // The first run ends (the finalizer path removes it from the active index); the next slot runs.
        await harness.Ledger.FinalizeAsync(new ExecutionEnd
        {
            RunId = RunId.For("exclusive", Slot),
            ExecutionArn = "arn:aws:states:us-east-1:123456789012:execution:run-job:" + RunId.For("exclusive", Slot),
            Status = RunStatus.Succeeded,
            StartDate = Slot,
            StopDate = Slot.AddSeconds(30),
        });
        harness.Clock.Set(Slot.AddMinutes(2).AddSeconds(1));
        Assert.Contains("\"Started\"", await harness.InvokeAsync(Deliveries.For("exclusive", Slot.AddMinutes(2), forbid)));
        Assert.Equal(2, harness.Peer.Executions.Count);
    }

    [Fact]
    public async Task Allow_runs_overlapping_slots()
    {
        await using var harness = await StarterHarness.StartAsync(dynalite, Slot.AddSeconds(1));
        await harness.InvokeAsync(Deliveries.For("overlap", Slot));
        harness.Clock.Set(Slot.AddMinutes(1));

        Assert.Contains("\"Started\"", await harness.InvokeAsync(Deliveries.For("overlap", Slot.AddMinutes(1))));
        Assert.Equal(2, harness.Peer.Executions.Count);
    }

    public static TheoryData<string, string> BadEvents() => new()
    {
        { """{"version":"0","id":"37666ae6","detail-type":"Scheduled Event","source":"aws.scheduler","account":"123456789012","time":"2024-06-13T12:30:00Z","region":"us-east-2","resources":["arn:aws:scheduler:us-east-2:123456789012:schedule/default/x"],"detail":"{}"}""", "default event" },
        { "not json", "not valid JSON" },
        { "[1,2]", "must be a JSON object" },
        { """{"job":"x","scheduledTime":"<aws.scheduler.scheduled-time>","task":{"taskDefinition":"td","container":"c"}}""", "was not substituted" },
        { """{"job":"x","scheduledTime":"2026-11-21T03:00:00+01:00","task":{"taskDefinition":"td","container":"c"}}""", "UTC" },
        { """{"job":"bad name!","scheduledTime":"2026-11-21T03:00:00Z","task":{"taskDefinition":"td","container":"c"}}""", "not a valid job name" },
        { """{"job":"x","scheduledTime":"2026-11-21T03:00:00Z"}""", "task: missing" },
        { """{"job":"x","scheduledTime":"2026-11-21T03:00:00Z","task":{"taskDefinition":"td","container":"c","command":"echo hi"}}""", "task.command: expected an array" },
        { """{"job":"x","scheduledTime":"2026-11-21T03:00:00Z","task":{"taskDefinition":"td","container":"c"},"retry":{"exitCodes":[0]}}""", "retry.exitCodes[0]" },
        { """{"job":"x","scheduledTime":"2026-11-21T03:00:00Z","task":{"taskDefinition":"td","container":"c"},"concurency":"Forbid"}""", "concurency: unknown field" },
        { """{"job":"x","scheduledTime":"2026-11-21T03:00:00Z","task":{"taskDefinition":"td","container":"c"},"concurrency":"Never"}""", "expected \"Allow\" or \"Forbid\"" },
        { """{"source":"aws.states","detail-type":"Step Functions Execution Status Change","detail":{"status":"FAILED"}}""", "detail.name: missing" },
    };

    [Theory]
    [MemberData(nameof(BadEvents))]
    public async Task Bad_events_get_a_clear_InvalidEvent_error_and_write_nothing(string payload, string expected)
    {
        await using var harness = await StarterHarness.StartAsync(dynalite, Slot);

        var error = await Assert.ThrowsAsync<FunctionErrorException>(() => harness.InvokeAsync(payload));

        Assert.Equal("InvalidEvent", error.ErrorType);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await harness.ItemCountAsync());
        Assert.Empty(harness.Peer.Executions);
        Assert.Contains("\"Outcome\":\"Invalid\"", harness.Log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_problem_in_a_job_block_is_listed_at_once()
    {
        await using var harness = await StarterHarness.StartAsync(dynalite, Slot);

        var error = await Assert.ThrowsAsync<FunctionErrorException>(() => harness.InvokeAsync(
            """{"job":"","scheduledTime":12,"task":{"container":5},"timeoutSeconds":-1}"""));

        foreach (var location in new[] { "scheduledTime:", "job:", "task.taskDefinition: missing", "task.container: expected a string", "timeoutSeconds:" })
        {
            Assert.Contains(location, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Each_invocation_logs_one_EMF_line_with_job_runId_outcome_and_duration()
    {
        await using var harness = await StarterHarness.StartAsync(dynalite, Slot.AddSeconds(3));

        await harness.InvokeAsync(Deliveries.For("logged", Slot));

        var lines = harness.Log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        var log = JsonDocument.Parse(line).RootElement;
        Assert.Equal("Started", log.GetProperty("Outcome").GetString());
        Assert.Equal("logged", log.GetProperty("job").GetString());
        Assert.Equal(RunId.For("logged", Slot), log.GetProperty("runId").GetString());
        Assert.True(log.GetProperty("durationMs").GetDouble() >= 0);
        Assert.Equal(1, log.GetProperty("Runs").GetInt32());
        var metric = log.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0];
        Assert.Equal("Orchestrator", metric.GetProperty("Namespace").GetString());
        Assert.Equal("Outcome", metric.GetProperty("Dimensions")[0][0].GetString());
        Assert.Equal("Runs", metric.GetProperty("Metrics")[0].GetProperty("Name").GetString());
    }
}
