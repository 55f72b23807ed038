namespace Orchestrator.States.Execution;

/// <summary>
/// A virtual clock the engine may move forward instead of waiting: when the injected TimeProvider implements this,
/// Wait states and retry backoff advance it to their due time (firing any timers passed) and take no real time.
/// </summary>
public interface IAdvanceableClock
{
    /// <summary>Moves the clock to <paramref name="target"/> if that is later than now; firing due timers in order.</summary>
    void AdvanceTo(DateTimeOffset target);
}

/// <summary>Sleeps on the injected clock: advances a virtual clock, or waits on the real one.</summary>
internal static class Sleeper
{
    /// <param name="inline">True for StartInline runs: a virtual sleep goes straight on instead of yielding the thread.</param>
    public static async Task SleepUntilAsync(TimeProvider time, DateTimeOffset due, CancellationToken cancellation, bool inline = false)
    {
        cancellation.ThrowIfCancellationRequested();
        if (time is IAdvanceableClock clock)
        {
            clock.AdvanceTo(due);
            if (!inline)
            {
                await Task.Yield();
            }

            cancellation.ThrowIfCancellationRequested();
            return;
        }

        var delay = due - time.GetUtcNow();
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, time, cancellation);
        }

        cancellation.ThrowIfCancellationRequested();
    }
}
