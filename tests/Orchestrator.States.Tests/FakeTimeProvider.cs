using Orchestrator.States.Execution;

namespace Orchestrator.States.Tests;

/// <summary>
/// A manual clock for tests: time moves only through Advance/AdvanceTo (the engine advances it for Wait and backoff);
/// timers fire in due order during an advance. Records every advance so tests can assert waits without timing anything.
/// </summary>
public sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider, IAdvanceableClock
{
    private readonly Lock _gate = new();
    private readonly List<FakeTimer> _timers = [];
    private readonly List<TimeSpan> _advances = [];
    private DateTimeOffset _now = start;

    public FakeTimeProvider()
        : this(new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero))
    {
    }

    public DateTimeOffset Start { get; } = start;

    public IReadOnlyList<TimeSpan> Advances
    {
        get
        {
            lock (_gate)
            {
                return _advances.ToList();
            }
        }
    }

    public TimeSpan Elapsed => GetUtcNow() - Start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by) => AdvanceTo(GetUtcNow() + by);

    public void AdvanceTo(DateTimeOffset target)
    {
        lock (_gate)
        {
            _advances.Add(target - _now);
        }

        while (true)
        {
            FakeTimer? due;
            lock (_gate)
            {
                due = _timers.Where(t => t.Due <= target).OrderBy(t => t.Due).FirstOrDefault();
                if (due is null)
                {
                    if (target > _now)
                    {
                        _now = target;
                    }

                    return;
                }

                _now = due.Due > _now ? due.Due : _now;
                _timers.Remove(due);
            }

            due.Callback(due.State);
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public TimerCallback Callback { get; } = callback;

        public object? State { get; } = state;

        public DateTimeOffset Due { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                owner._timers.Remove(this);
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    Due = owner._now + dueTime;
                    owner._timers.Add(this);
                }
            }

            return true;
        }

        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
