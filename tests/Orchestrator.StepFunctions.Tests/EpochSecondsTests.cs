namespace Orchestrator.StepFunctions.Tests;

/// <summary>The wire format of timestamps, through the public models (the converter itself is internal).</summary>
public sealed class EpochSecondsTests
{
    [Theory]
    [InlineData("1763694000", 1_763_694_000_000)]
    [InlineData("1763694000.5", 1_763_694_000_500)]
    [InlineData("1763694000.123456", 1_763_694_000_123)]
    [InlineData("1.763694000123E9", 1_763_694_000_123)]
    [InlineData("\"2025-11-21T03:00:00.123Z\"", 1_763_694_000_123)]
    public async Task Timestamps_are_read_as_epoch_seconds_or_iso_text(string wire, long expectedMs)
    {
        await using var peer = new StepFunctionsPeer().Answer(ScriptedResponse.Ok($$"""{"stopDate":{{wire}}}"""));
        using var client = ClientFactory.For(peer);

        var stopped = await client.StopExecutionAsync(new StopExecutionRequest { ExecutionArn = "arn:e" });

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(expectedMs), stopped.StopDate);
    }

    [Fact]
    public async Task A_timestamp_that_is_neither_is_reported_as_an_unreadable_response()
    {
        await using var peer = new StepFunctionsPeer().Answer(ScriptedResponse.Ok("""{"stopDate":"yesterday"}"""));
        using var client = ClientFactory.For(peer);

        var error = await Assert.ThrowsAsync<StepFunctionsException>(() => client.StopExecutionAsync(new StopExecutionRequest { ExecutionArn = "arn:e" }));

        Assert.Equal("UnreadableResponse", error.ErrorCode);
    }
}
