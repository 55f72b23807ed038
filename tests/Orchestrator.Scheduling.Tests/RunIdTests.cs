using System.Text.RegularExpressions;
using Orchestrator.Scheduling.Runs;

namespace Orchestrator.Scheduling.Tests;

public sealed partial class RunIdTests
{
    private const string NameAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";

    [Fact]
    public void RunIds_over_thousands_of_random_jobs_and_times_are_valid_execution_names_and_never_collide()
    {
        var random = new Random(20261121);
        var seen = new Dictionary<string, (string Job, DateTimeOffset Time)>(StringComparer.Ordinal);
        // Names that are prefixes of each other and contain digits and dashes are the collision risk: include many.
        var jobs = Enumerable.Range(0, 400).Select(_ => RandomName(random))
            .Concat(["a", "a-2", "a-20261121T030000Z", "report", "report-1", "report-", "report_", "-", "_", "0"])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var pairs = 0;
        foreach (var job in jobs)
        {
            for (var i = 0; i < 12; i++)
            {
                var time = DateTimeOffset.UnixEpoch.AddSeconds(random.NextInt64(0, 7_258_118_400)); // 1970..2199, Scheduler's year range
                var runId = RunId.For(job, time);
                pairs++;

                Assert.InRange(runId.Length, 1, 80);
                Assert.Matches(ExecutionNameAlphabet(), runId);
                if (seen.TryGetValue(runId, out var previous))
                {
                    Assert.True(previous.Job == job && previous.Time == TruncateToSecond(time), $"{runId} from both {previous} and ({job}, {time:o})");
                }

                seen[runId] = (job, TruncateToSecond(time));
                Assert.True(RunId.TryParse(runId, out var parsedJob, out var parsedTime));
                Assert.Equal(job, parsedJob);
                Assert.Equal(TruncateToSecond(time), parsedTime);
            }
        }

        Assert.True(pairs > 4_000);
    }

    [Fact]
    public void RunId_is_deterministic_and_uses_the_UTC_instant_whatever_the_offset()
    {
        var berlin = new DateTimeOffset(2026, 11, 21, 4, 0, 0, TimeSpan.FromHours(1));

        Assert.Equal("nightly-report-20261121T030000Z", RunId.For("nightly-report", berlin));
        Assert.Equal(RunId.For("nightly-report", berlin), RunId.For("nightly-report", berlin.ToUniversalTime()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("colon:name")]
    [InlineData("dot.name")]
    [InlineData("slash/name")]
    [InlineData("1234567890123456789012345678901234567890123456789012345678901234")]
    public void Invalid_job_names_are_rejected_with_the_rule(string job)
    {
        var error = Assert.Throws<ArgumentException>(() => RunId.For(job, DateTimeOffset.UnixEpoch));
        Assert.Contains("A-Z, a-z, 0-9", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0b6f4a0e-6f0e-4c8b-9a4f-2c1f1f1f1f1f")]
    [InlineData("manual-rerun")]
    [InlineData("x-20261121T030000")]
    [InlineData("-20261121T030000Z")]
    public void Manual_execution_names_do_not_parse_as_scheduled_runs(string name) =>
        Assert.False(RunId.TryParse(name, out _, out _));

    private static string RandomName(Random random)
    {
        var length = random.Next(1, RunId.MaxJobNameLength + 1);
        return string.Create(length, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = NameAlphabet[r.Next(NameAlphabet.Length)];
            }
        });
    }

    private static DateTimeOffset TruncateToSecond(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    [GeneratedRegex("^[0-9A-Za-z_-]+$")]
    private static partial Regex ExecutionNameAlphabet();
}
