using System.Text.Json;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests;

public sealed class TemplateCommandsTests : IDisposable
{
    private readonly Cli _cli = new();

    [Fact]
    public async Task Validate_accepts_the_real_template()
    {
        var (code, output, _) = await Cli.RunAsync("validate", "--template", RepoPaths.Of("template.yaml"));

        Assert.Equal(0, code);
        Assert.Contains("valid (1 job, 1 state machine)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_lists_every_problem_with_its_location_and_exits_2()
    {
        var template = File.ReadAllText(RepoPaths.Of("template.yaml"))
            .Replace("cron(0 3 * * ? *)", "cron(0 3 1 * MON *)", StringComparison.Ordinal)
            .Replace("\"timeoutSeconds\": 900", "\"timeoutSeconds\": \"soon\"", StringComparison.Ordinal);
        _cli.Write("statemachines/run-job.asl.json", File.ReadAllText(RepoPaths.Of("statemachines", "run-job.asl.json")).Replace("\"Next\": \"RecordSucceeded\"", "\"Next\": \"Nowhere\"", StringComparison.Ordinal));
        var path = _cli.Write("template.yaml", template);

        var (code, _, error) = await Cli.RunAsync("validate", "--template", path);

        Assert.Equal(2, code);
        Assert.Contains("Events.NightlyReport.Properties.ScheduleExpression: 'cron(0 3 1 * MON *)': day-of-month and day-of-week cannot both be set", error, StringComparison.Ordinal);
        Assert.Contains("timeoutSeconds", error, StringComparison.Ordinal);
        Assert.Contains("Resources.RunJobStateMachine", error, StringComparison.Ordinal);
        Assert.Contains("Nowhere", error, StringComparison.Ordinal);
        Assert.Contains("nothing was started", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_says_what_to_do_when_the_template_is_missing()
    {
        var (code, _, error) = await Cli.RunAsync("validate", "--template", Path.Combine(_cli.Folder, "missing.yaml"));

        Assert.Equal(2, code);
        Assert.Contains("no such file", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jobs_lists_each_job_with_its_schedule_in_words_and_next_five_fire_times_in_its_zone()
    {
        var (code, output, _) = await Cli.RunAsync("jobs", "--template", RepoPaths.Of("template.yaml"), "--json");

        Assert.Equal(0, code);
        var job = Assert.Single(JsonDocument.Parse(output).RootElement.EnumerateArray().ToList());
        Assert.Equal("nightly-report", job.GetProperty("job").GetString());
        Assert.Equal("Europe/Berlin", job.GetProperty("timeZone").GetString());
        Assert.Contains("03:00", job.GetProperty("description").GetString(), StringComparison.Ordinal);
        var fires = job.GetProperty("nextFireTimes").EnumerateArray().Select(f => DateTimeOffset.Parse(f.GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(5, fires.Count);
        Assert.All(fires, f => Assert.Equal(new TimeSpan(3, 0, 0), f.TimeOfDay));
        Assert.All(fires.Zip(fires.Skip(1)), pair => Assert.Equal(TimeSpan.FromDays(1), pair.Second.UtcDateTime.Date - pair.First.UtcDateTime.Date));
    }

    public void Dispose() => _cli.Dispose();
}
