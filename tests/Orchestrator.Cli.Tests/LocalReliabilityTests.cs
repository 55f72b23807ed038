using System.Text.Json;
using Orchestrator.Ledger;
using Orchestrator.Local;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests;

/// <summary>
/// Reliability through the whole local app (real starter, engine, dynalite, processes): duplicate storms, injected launch
/// failures, starter crashes, timeouts, aborts and bad templates. Counts are asserted, not timings.
/// </summary>
public sealed class LocalReliabilityTests : IDisposable
{
    private readonly Cli _cli = new();

    [Fact]
    public async Task A_storm_of_50_slots_times_20_deliveries_starts_exactly_50_executions()
    {
        var report = await FireAsync(Template(), "--slots", "50", "--deliveries", "20", "--speed", "200");

        Assert.Equal(50, report.GetProperty("executionsStarted").GetInt32());
        var outcomes = report.GetProperty("outcomes");
        Assert.Equal(50, outcomes.GetProperty("Started").GetInt32());
        // At speed 200 a claim goes stale in 0.15 s of wall time, so a late duplicate may call itself Resumed: still no second run.
        var resumed = outcomes.TryGetProperty("Resumed", out var r) ? r.GetInt32() : 0;
        Assert.Equal(950, report.GetProperty("duplicatesSuppressed").GetInt32() + resumed);
        Assert.Equal(50, report.GetProperty("runsByStatus").GetProperty("SUCCEEDED").GetInt32());
        Assert.Equal(0, report.GetProperty("lost").GetArrayLength());
    }

    [Fact]
    public async Task Half_of_all_launches_failing_with_ENI_errors_still_ends_every_one_of_200_runs_SUCCEEDED_with_attempts_recorded()
    {
        var report = await FireAsync(Template(launchAttempts: 12), "--slots", "200", "--inject", "eni=0.5", "--seed", "11", "--speed", "500");

        Assert.Equal(200, report.GetProperty("runsByStatus").GetProperty("SUCCEEDED").GetInt32());
        var retries = report.GetProperty("launchRetries").GetInt32();
        Assert.InRange(retries, 100, 400); // about one ENI failure per successful launch at p = 0.5
        Assert.Equal(200 + retries, report.GetProperty("taskAttempts").GetInt32());
    }

    [Fact]
    public async Task Starters_dying_after_their_claim_lose_no_slot()
    {
        var report = await FireAsync(Template(), "--slots", "40", "--inject", "crash-after-claim=0.3", "--seed", "5", "--speed", "500");

        Assert.True(report.GetProperty("starterCrashes").GetInt32() > 0);
        Assert.Equal(40, report.GetProperty("executionsStarted").GetInt32());
        Assert.Equal(40, report.GetProperty("runsByStatus").GetProperty("SUCCEEDED").GetInt32());
        Assert.True(report.GetProperty("outcomes").GetProperty("Resumed").GetInt32() > 0);
    }

    [Fact]
    public async Task A_task_past_its_timeout_is_stopped_and_recorded_TIMED_OUT()
    {
        var report = await FireAsync(Template(command: "sleep 30", timeoutSeconds: 60), "--slots", "1", "--speed", "100");

        Assert.Equal(1, report.GetProperty("runsByStatus").GetProperty("TIMED_OUT").GetInt32());
    }

    [Fact]
    public async Task StopExecution_ends_the_run_ABORTED_through_the_finalizer()
    {
        await using var local = await LocalDeployment.StartAsync(new LocalDeploymentOptions { TemplatePath = Template(command: "sleep 30"), Speed = 10 });
        var job = local.Template.Jobs.Single();
        var slot = job.Schedule!.NextFireTime(local.Clock.GetUtcNow())!.Value;
        var delivered = await local.DeliverAsync(job, slot);
        Assert.Equal("Started", delivered.Outcome);

        var stopped = await local.Endpoint.StopExecutionAsync(delivered.ExecutionArn!, "Operator.Stop", "stopped by the test");
        Assert.True(stopped.IsSuccess);

        var record = await WaitForAsync(local.Ledger, delivered.RunId!, r => r.IsTerminal);
        Assert.Equal(RunStatus.Aborted, record.Status);
        Assert.Equal(1, local.Finalized);
    }

    [Fact]
    public async Task The_AWS_CLI_reads_the_run_ledger_from_local_modes_dynalite()
    {
        Assert.True(File.Exists("/usr/bin/aws"), "install the AWS CLI v2 (Debian: apt-get install awscli); make test and .ci/run do");
        await using var local = await LocalDeployment.StartAsync(new LocalDeploymentOptions { TemplatePath = Template(), Speed = 50 });
        var job = local.Template.Jobs.Single();
        var delivered = await local.DeliverAsync(job, job.Schedule!.NextFireTime(local.Clock.GetUtcNow())!.Value);
        await WaitForAsync(local.Ledger, delivered.RunId!, r => r.IsTerminal);

        var start = new System.Diagnostics.ProcessStartInfo("/usr/bin/aws") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "dynamodb", "get-item", "--endpoint-url", local.DynamoDbEndpoint.ToString(), "--region", "us-east-1", "--table-name", local.TableName,
            "--key", "{\"runId\":{\"S\":\"" + delivered.RunId + "\"}}", "--output", "json", "--no-cli-pager" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["AWS_ACCESS_KEY_ID"] = "local";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "local";
        using var aws = System.Diagnostics.Process.Start(start)!;
        var output = await aws.StandardOutput.ReadToEndAsync();
        var error = await aws.StandardError.ReadToEndAsync();
        await aws.WaitForExitAsync();

        Assert.True(aws.ExitCode == 0, error);
        var item = JsonDocument.Parse(output).RootElement.GetProperty("Item");
        Assert.Equal("SUCCEEDED", item.GetProperty("status").GetProperty("S").GetString());
        Assert.Equal("nightly-report", item.GetProperty("job").GetProperty("S").GetString());
        Assert.Equal(1, item.GetProperty("attempts").GetProperty("L").GetArrayLength());
    }

    [Fact]
    public async Task A_bad_job_block_is_reported_with_its_location_and_nothing_starts()
    {
        var template = File.ReadAllText(Template()).Replace("\"timeoutSeconds\": 900", "\"timeoutSeconds\": \"soon\"", StringComparison.Ordinal);
        var path = _cli.Write("bad/template.yaml", template);
        _cli.Write("bad/statemachines/run-job.asl.json", File.ReadAllText(RepoPaths.Of("statemachines", "run-job.asl.json")));

        var (code, output, error) = await Cli.RunAsync("local", "fire", "--template", path, "--job", "nightly-report");

        Assert.Equal(2, code);
        Assert.Contains("Events.NightlyReport", error, StringComparison.Ordinal);
        Assert.Contains("timeoutSeconds", error, StringComparison.Ordinal);
        Assert.Contains("nothing was started", error, StringComparison.Ordinal);
        Assert.Empty(output);
        Assert.False(Directory.Exists(Path.Combine(_cli.Folder, "bad", ".local")), "no task may have run");
    }

    private static async Task<JsonElement> FireAsync(string template, params string[] options)
    {
        var (code, output, error) = await Cli.RunAsync(["local", "fire", "--template", template, "--job", "nightly-report", "--json", .. options]);
        Assert.True(code == 0, output + error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private static async Task<RunRecord> WaitForAsync(RunLedger ledger, string runId, Func<RunRecord, bool> condition)
    {
        for (var i = 0; i < 600; i++)
        {
            if (await ledger.GetAsync(runId) is { } record && condition(record))
            {
                return record;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"run {runId} did not reach the expected state within 30 s");
    }

    /// <summary>The real template with the sample job made quick (or slow) and Allow, so slots may overlap.</summary>
    private string Template(int launchAttempts = 5, string command = "echo quick", int timeoutSeconds = 900)
    {
        var folder = "t" + Guid.NewGuid().ToString("N")[..8];
        var text = File.ReadAllText(RepoPaths.Of("template.yaml"))
            .Replace("\"concurrency\": \"Forbid\"", "\"concurrency\": \"Allow\"", StringComparison.Ordinal)
            .Replace("\"launchAttempts\": 5", $"\"launchAttempts\": {launchAttempts}", StringComparison.Ordinal)
            .Replace("\"timeoutSeconds\": 900", $"\"timeoutSeconds\": {timeoutSeconds}", StringComparison.Ordinal)
            .Replace("\"environment\": { \"REPORT_DAY\": \"yesterday\" }", $"\"command\": [\"sh\", \"-c\", \"{command}\"], \"environment\": {{ \"REPORT_DAY\": \"yesterday\" }}", StringComparison.Ordinal);
        _cli.Write(folder + "/statemachines/run-job.asl.json", File.ReadAllText(RepoPaths.Of("statemachines", "run-job.asl.json")));
        return _cli.Write(folder + "/template.yaml", text);
    }

    public void Dispose() => _cli.Dispose();
}
