using System.Text.Json;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests;

/// <summary>`orchestrator local fire` on a copy of the real template whose job exits at once: the whole app in-process.</summary>
public sealed class LocalFireTests : IDisposable
{
    private readonly Cli _cli = new();

    [Fact]
    public async Task Every_slot_runs_exactly_once_under_duplicate_deliveries_launch_failures_and_starter_crashes()
    {
        var template = QuickJobTemplate();

        var (code, output, error) = await Cli.RunAsync("local", "fire", "--template", template, "--job", "nightly-report",
            "--slots", "8", "--deliveries", "4", "--inject", "eni=0.3,crash-after-claim=0.3", "--speed", "200", "--seed", "7", "--json");

        Assert.True(code == 0, output + error);
        var report = JsonDocument.Parse(output).RootElement;
        Assert.Equal(8, report.GetProperty("executionsStarted").GetInt32());
        Assert.Equal(0, report.GetProperty("lost").GetArrayLength());
        Assert.Equal(8, report.GetProperty("runsByStatus").GetProperty("SUCCEEDED").GetInt32());
        Assert.True(report.GetProperty("starterCrashes").GetInt32() > 0, "the seed should inject at least one crash after claim");
        Assert.True(report.GetProperty("launchRetries").GetInt32() > 0, "the seed should inject at least one ENI failure");
        Assert.Equal(report.GetProperty("taskAttempts").GetInt32(), 8 + report.GetProperty("launchRetries").GetInt32());
        Assert.True(report.GetProperty("everySlotRanOnce").GetBoolean());
    }

    [Fact]
    public async Task A_bad_fault_spec_and_an_unknown_job_are_explained_and_start_nothing()
    {
        var template = QuickJobTemplate();

        var (badSpec, _, specError) = await Cli.RunAsync("local", "fire", "--template", template, "--job", "nightly-report", "--inject", "enii=0.3");
        var (badJob, _, jobError) = await Cli.RunAsync("local", "fire", "--template", template, "--job", "nope");

        Assert.Equal(2, badSpec);
        Assert.Contains("enii", specError, StringComparison.Ordinal);
        Assert.Equal(2, badJob);
        Assert.Contains("no job 'nope'", jobError, StringComparison.Ordinal);
        Assert.Contains("nightly-report", jobError, StringComparison.Ordinal);
    }

    private string QuickJobTemplate()
    {
        var text = File.ReadAllText(RepoPaths.Of("template.yaml"))
            .Replace("\"concurrency\": \"Forbid\"", "\"concurrency\": \"Allow\"", StringComparison.Ordinal)
            .Replace("\"environment\": { \"REPORT_DAY\": \"yesterday\" }", "\"command\": [\"sh\", \"-c\", \"echo quick\"], \"environment\": { \"REPORT_DAY\": \"yesterday\" }", StringComparison.Ordinal);
        Assert.Contains("echo quick", text, StringComparison.Ordinal);
        _cli.Write("statemachines/run-job.asl.json", File.ReadAllText(RepoPaths.Of("statemachines", "run-job.asl.json")));
        return _cli.Write("template.yaml", text);
    }

    public void Dispose() => _cli.Dispose();
}
