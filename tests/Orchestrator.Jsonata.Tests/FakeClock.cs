namespace Orchestrator.Jsonata.Tests;

/// <summary>A settable clock; each timestamp read can advance it, to drive timeouts without sleeping.</summary>
internal sealed class FakeClock(DateTimeOffset now) : TimeProvider
{
    private long _ticks;

    public DateTimeOffset Now { get; set; } = now;

    /// <summary>How far every <see cref="GetTimestamp"/> call moves the monotonic clock.</summary>
    public TimeSpan AdvancePerRead { get; set; }

    public override DateTimeOffset GetUtcNow() => Now;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp()
    {
        _ticks += AdvancePerRead.Ticks;
        return _ticks;
    }
}
