using Orchestrator.States.Conformance;
using Orchestrator.States.Execution;
using Orchestrator.States.Json;

namespace Orchestrator.States.Tests;

public class ConformanceToolingTests
{
    [Fact]
    public void Diff_ignores_key_order_and_number_spelling() =>
        Assert.Empty(JsonDiff.Compare(JsonValues.Parse("""{"a":1,"b":[1.0,"x"]}"""), JsonValues.Parse("""{"b":[1e0,"x"],"a":1.00}""")));

    [Fact]
    public void Diff_points_at_each_difference()
    {
        var differences = JsonDiff.Compare(JsonValues.Parse("""{"a":1,"b":{"c":"x"},"gone":true}"""), JsonValues.Parse("""{"a":"1","b":{"c":"y"},"extra":null}"""), "/output");
        Assert.Contains("/output/a: expected 1, actual \"1\"", differences);
        Assert.Contains("/output/b/c: expected \"x\", actual \"y\"", differences);
        Assert.Contains("/output/gone: missing; expected true", differences);
        Assert.Contains("/output/extra: unexpected null", differences);
    }

    [Theory]
    [InlineData("""{"status":"FAILED","error":"E"}""", """{"status":"FAILED","error":"E","cause":"anything"}""", 0)]
    [InlineData("""{"status":"FAILED","error":"E","cause":"c"}""", """{"status":"FAILED","error":"E","cause":"d"}""", 1)]
    [InlineData("""{"status":"FAILED"}""", """{"status":"FAILED","error":"E"}""", 1)]
    [InlineData("""{"status":"SUCCEEDED","output":1}""", """{"status":"FAILED","error":"E"}""", 2)]
    public void Comparison_follows_run_case_rules(string expected, string actual, int differences) =>
        Assert.Equal(differences, ConformanceCase.Compare(JsonValues.Parse(expected)!.AsObject(), JsonValues.Parse(actual)!.AsObject()).Count);

    [Fact]
    public void Virtual_clock_fires_timers_in_due_order_only_when_advanced()
    {
        var clock = new VirtualTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var fired = new List<string>();
        using var late = clock.CreateTimer(_ => fired.Add("late"), null, TimeSpan.FromSeconds(20), Timeout.InfiniteTimeSpan);
        using var early = clock.CreateTimer(_ => fired.Add("early"), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        Assert.Empty(fired);
        clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(["early"], fired);
        clock.AdvanceTo(clock.GetUtcNow().AddSeconds(-5));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 15, TimeSpan.Zero), clock.GetUtcNow());
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(["early", "late"], fired);
    }
}
