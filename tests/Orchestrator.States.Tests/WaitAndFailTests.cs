using Orchestrator.States.Execution;

namespace Orchestrator.States.Tests;

public class WaitAndFailTests
{
    [Fact]
    public async Task Wait_Seconds_advances_the_fake_clock_without_real_time()
    {
        var clock = new FakeTimeProvider();
        var output = await Run.Output("""{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}}""", """{"a":1}""", new EngineOptions { Time = clock });
        Run.Equal("""{"a":1}""", output);
        Assert.Equal(TimeSpan.FromHours(1), clock.Elapsed);
    }

    [Fact]
    public async Task Wait_SecondsPath_reads_the_input()
    {
        var clock = new FakeTimeProvider();
        await Run.Output("""{"StartAt":"W","States":{"W":{"Type":"Wait","SecondsPath":"$.s","End":true}}}""", """{"s":42}""", new EngineOptions { Time = clock });
        Assert.Equal(TimeSpan.FromSeconds(42), clock.Elapsed);
    }

    [Fact]
    public async Task Wait_Timestamp_waits_until_then()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await Run.Output("""{"StartAt":"W","States":{"W":{"Type":"Wait","Timestamp":"2026-01-01T00:10:00Z","End":true}}}""", "{}", new EngineOptions { Time = clock });
        Assert.Equal(TimeSpan.FromMinutes(10), clock.Elapsed);
    }

    [Fact]
    public async Task Wait_TimestampPath_in_the_past_does_not_wait()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await Run.Output("""{"StartAt":"W","States":{"W":{"Type":"Wait","TimestampPath":"$.t","End":true}}}""", """{"t":"2020-01-01T00:00:00Z"}""", new EngineOptions { Time = clock });
        Assert.Equal(TimeSpan.Zero, clock.Elapsed);
    }

    [Theory]
    [InlineData("""{"s":-1}""", "The SecondsPath parameter references a negative value: $.s == -1")]
    [InlineData("""{"s":1.5}""", "The SecondsPath parameter cannot be parsed as a long value: $.s == 1.5")]
    [InlineData("""{"s":"x"}""", "The SecondsPath parameter cannot be parsed as a long value: $.s == x")]
    public async Task Bad_SecondsPath_values_fail_like_AWS(string input, string cause)
    {
        var result = await Run.Async("""{"StartAt":"W","States":{"W":{"Type":"Wait","SecondsPath":"$.s","End":true}}}""", input);
        Assert.Equal("States.Runtime", result.Error);
        Assert.Equal("An error occurred while executing the state 'W' (entered at the event id #2). " + cause, result.Cause);
    }

    [Fact]
    public async Task Bad_TimestampPath_value_fails()
    {
        var result = await Run.Async("""{"StartAt":"W","States":{"W":{"Type":"Wait","TimestampPath":"$.t","End":true}}}""", """{"t":"2016-12-05 21:29:29Z"}""");
        Assert.Equal("States.Runtime", result.Error);
        Assert.EndsWith("The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: $.t == 2016-12-05 21:29:29Z", result.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fail_with_literal_error_and_cause()
    {
        var result = await Run.Async("""{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E","Cause":"C"}}}""");
        Assert.Equal(new ExecutionResult(ExecutionStatus.Failed, null, "E", "C"), result);
    }

    [Fact]
    public async Task Fail_without_error_reports_none()
    {
        var result = await Run.Async("""{"StartAt":"F","States":{"F":{"Type":"Fail"}}}""");
        Assert.Null(result.Error);
        Assert.Null(result.Cause);
    }

    [Fact]
    public async Task Fail_ErrorPath_and_CausePath_accept_paths_and_intrinsics()
    {
        var result = await Run.Async("""{"StartAt":"F","States":{"F":{"Type":"Fail","ErrorPath":"$.e","CausePath":"States.Format('because {}', $.c)"}}}""", """{"e":"Boom","c":"reasons"}""");
        Assert.Equal("Boom", result.Error);
        Assert.Equal("because reasons", result.Cause);
    }

    [Fact]
    public async Task Fail_ErrorPath_to_a_missing_value_is_States_Runtime()
    {
        var result = await Run.Async("""{"StartAt":"F","States":{"F":{"Type":"Fail","ErrorPath":"$.missing"}}}""");
        Assert.Equal("States.Runtime", result.Error);
    }
}
