namespace Orchestrator.Local.Tests;

/// <summary>
/// A clock that moves only when a test moves it; its timers fire during <see cref="AdvanceTo"/>, in due order. Tests wait
/// for the code under test to arm a timer before moving time, so nothing depends on how fast the machine is.
/// </summary>
internal sealed class HandMovedClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<HandTimer> _timers = [];
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public int ArmedTimers
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count;
            }
        }
    }

    /// <summary>Waits (real time, generously) until some timer is armed: the loop under test is idle and waiting.</summary>
    public async Task WaitUntilArmedAsync()
    {
        for (var i = 0; i < 6000 && ArmedTimers == 0; i++)
        {
            await Task.Delay(5);
        }

        Assert.True(ArmedTimers > 0, "the scheduler never started waiting on the clock");
    }

    public void AdvanceTo(DateTimeOffset target)
    {
        while (true)
        {
            HandTimer? due;
            lock (_gate)
            {
                due = _timers.Where(t => t.Due <= target).OrderBy(t => t.Due).FirstOrDefault();
                if (due is null)
                {
                    _now = target > _now ? target : _now;
                    return;
                }

                _now = due.Due > _now ? due.Due : _now;
                _timers.Remove(due);
            }

            due.Fire();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new HandTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class HandTimer(HandMovedClock clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset Due { get; private set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    Due = clock._now + dueTime;
                    clock._timers.Add(this);
                }
            }

            return true;
        }

        public void Dispose()
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
