namespace Orchestrator.States.Execution;

/// <summary>
/// A deterministic clock for offline runs (corpus, CLI, tests): time moves only when advanced; timers fire in due order
/// during an advance. The engine advances it for Wait and retry backoff, so those take no real time.
/// </summary>
public sealed class VirtualTimeProvider(DateTimeOffset start) : TimeProvider, IAdvanceableClock
{
    private readonly Lock _gate = new();
    private readonly List<VirtualTimer> _timers = [];
    // The time as UTC ticks: read on every history event without the lock (one atomic 64-bit value), written under it.
    private long _nowTicks = start.UtcTicks;

    public VirtualTimeProvider()
        : this(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow() => new(Volatile.Read(ref _nowTicks), TimeSpan.Zero);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public void Advance(TimeSpan by) => AdvanceTo(GetUtcNow() + by);

    public void AdvanceTo(DateTimeOffset target)
    {
        while (true)
        {
            VirtualTimer? due;
            lock (_gate)
            {
                due = Earliest(target);
                if (due is null)
                {
                    if (target > GetUtcNow())
                    {
                        SetNow(target);
                    }

                    return;
                }

                if (due.Due > GetUtcNow())
                {
                    SetNow(due.Due);
                }

                _timers.Remove(due);
                if (due.Period is { } period && period > TimeSpan.Zero)
                {
                    due.Due += period;
                    _timers.Add(due);
                }
            }

            due.Fire();
        }
    }

    private void SetNow(DateTimeOffset now) => Volatile.Write(ref _nowTicks, now.UtcTicks);

    /// <summary>The first-due timer at or before <paramref name="target"/> (first added wins a tie); caller holds the lock.</summary>
    private VirtualTimer? Earliest(DateTimeOffset target)
    {
        VirtualTimer? earliest = null;
        foreach (var timer in _timers)
        {
            if (timer.Due <= target && (earliest is null || timer.Due < earliest.Due))
            {
                earliest = timer;
            }
        }

        return earliest;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void Schedule(VirtualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            timer.Due = GetUtcNow() + dueTime;
            timer.Period = period == Timeout.InfiniteTimeSpan ? null : period;
            _timers.Add(timer);
        }

        if (dueTime == TimeSpan.Zero)
        {
            AdvanceTo(GetUtcNow());
        }
    }

    private void Remove(VirtualTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class VirtualTimer(VirtualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset Due { get; set; }

        public TimeSpan? Period { get; set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Schedule(this, dueTime, period);
            return true;
        }

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
