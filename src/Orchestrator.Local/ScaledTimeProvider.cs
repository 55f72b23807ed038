using System.Diagnostics;

namespace Orchestrator.Local;

/// <summary>
/// Time that runs <see cref="Speed"/> times faster than the wall clock, from a fixed origin: Wait states, retry backoff,
/// timeouts and schedules all shrink together, so `--speed 60` turns a minute into a second. Tasks still run at real speed.
/// </summary>
public sealed class ScaledTimeProvider : TimeProvider
{
    private readonly DateTimeOffset _origin;
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();

    public ScaledTimeProvider(double speed, DateTimeOffset? origin = null)
    {
        if (!(speed >= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "speed must be 1 or more");
        }

        Speed = speed;
        _origin = origin ?? System.GetUtcNow();
    }

    public double Speed { get; }

    public override DateTimeOffset GetUtcNow() => _origin + Stopwatch.GetElapsedTime(_startTimestamp) * Speed;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, Scale(dueTime), Scale(period));

    /// <summary>Real time that passes for <paramref name="scaled"/> of local time.</summary>
    public TimeSpan Scale(TimeSpan scaled) => scaled == Timeout.InfiniteTimeSpan || scaled <= TimeSpan.Zero ? scaled : scaled / Speed;
}
