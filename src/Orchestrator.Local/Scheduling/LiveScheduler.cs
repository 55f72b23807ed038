using Orchestrator.Scheduling.Schedules;

namespace Orchestrator.Local.Scheduling;

/// <summary>
/// Fires many schedules on time from one loop: a priority queue ordered by each job's next fire time and one timer on the
/// injected <see cref="TimeProvider"/> for the earliest, so N jobs cost one waiting timer, not N threads or N timers.
/// Each due slot is handed to the dispatcher on the thread pool and the loop moves on at once: a slow starter never
/// delays another job's slot. A slot found late (the machine slept, the loop was starved) still goes out, as Scheduler's
/// at-least-once delivery does, unless it is older than the job's <see cref="ScheduledJob.MaximumEventAge"/>. A job with a
/// <see cref="ScheduledJob.FlexibleWindow"/> has each slot queued at a random moment within the window after it.
/// </summary>
public sealed class LiveScheduler : IAsyncDisposable
{
    // Re-read the clock at least this often while waiting (local time), so a wall-clock jump is noticed.
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);

    private readonly TimeProvider _clock;
    private readonly Func<ScheduleFiring, CancellationToken, Task> _dispatch;
    private readonly Action<ScheduleFiring, Exception>? _dispatchFailed;
    private readonly Random _windows;
    private readonly CancellationTokenSource _deliveries = new();
    private readonly HashSet<Task> _inFlight = [];
    private long _fired;
    private long _dropped;
    private int _running;

    /// <param name="dispatch">Delivers one slot; runs on the thread pool, many at once. Its token is cancelled by <see cref="DrainAsync"/> past its wait.</param>
    /// <param name="dispatchFailed">Hears about a dispatch that threw; the scheduler itself keeps going.</param>
    /// <param name="windows">Picks the moment within a flexible window (seed it for a repeatable run); a shared one when null.</param>
    public LiveScheduler(IEnumerable<ScheduledJob> jobs, TimeProvider clock, Func<ScheduleFiring, CancellationToken, Task> dispatch, Action<ScheduleFiring, Exception>? dispatchFailed = null, Random? windows = null)
    {
        _windows = windows ?? Random.Shared;
        ArgumentNullException.ThrowIfNull(jobs);
        Jobs = [.. jobs];
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _dispatch = dispatch ?? throw new ArgumentNullException(nameof(dispatch));
        _dispatchFailed = dispatchFailed;
    }

    public IReadOnlyList<ScheduledJob> Jobs { get; }

    /// <summary>When <see cref="RunAsync"/> began: the anchor of rate schedules without a StartDate.</summary>
    public DateTimeOffset? StartedAt { get; private set; }

    /// <summary>Slots handed to the dispatcher so far.</summary>
    public long Fired => Interlocked.Read(ref _fired);

    /// <summary>Slots not delivered because they were older than their job's maximum event age when found.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Dispatches still running.</summary>
    public int InFlight
    {
        get
        {
            lock (_inFlight)
            {
                return _inFlight.Count;
            }
        }
    }

    /// <summary>The first slot of each job at or after <paramref name="from"/> (rate schedules anchored there), for a start-up listing.</summary>
    public static DateTimeOffset? FirstFireTime(ScheduledJob job, DateTimeOffset from)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.Schedule.NextFireTime(from.AddTicks(-1), startedAt: from);
    }

    /// <summary>Fires slots until <paramref name="stopFiring"/> is cancelled or no schedule has another slot; deliveries under way keep running.</summary>
    public async Task RunAsync(CancellationToken stopFiring)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException("The scheduler is already running.");
        }

        var startedAt = _clock.GetUtcNow();
        StartedAt = startedAt;
        // Ordered by when each slot goes out: the slot itself, or a moment within its job's flexible window.
        var queue = new PriorityQueue<(ScheduledJob Job, DateTimeOffset Slot), DateTimeOffset>(Jobs.Count);
        foreach (var job in Jobs)
        {
            if (FirstFireTime(job, startedAt) is { } first)
            {
                queue.Enqueue((job, first), GoesOutAt(job, first));
            }
        }

        var due = new List<(ScheduledJob Job, DateTimeOffset Slot)>();
        var nextSlots = new Dictionary<(Schedule, DateTimeOffset), DateTimeOffset?>();
        while (!stopFiring.IsCancellationRequested && queue.TryPeek(out _, out var earliest))
        {
            var wait = earliest - _clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait < LongestWait ? wait : LongestWait, _clock, stopFiring).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stopFiring.IsCancellationRequested)
                {
                    break;
                }

                continue;
            }

            // Hand every due slot over first, then work out next slots: the last job of a burst waits for no cron arithmetic.
            var now = _clock.GetUtcNow();
            due.Clear();
            while (queue.TryPeek(out var entry, out var goesOut) && goesOut <= now)
            {
                queue.Dequeue();
                var (job, slot) = entry;
                due.Add(entry);
                if (now - goesOut <= job.MaximumEventAge)
                {
                    Dispatch(new ScheduleFiring { Job = job, ScheduledTime = slot, DispatchedAt = now });
                }
                else
                {
                    Interlocked.Increment(ref _dropped);
                }
            }

            // Jobs often share an expression (records compare by value): evaluate each schedule once per slot.
            nextSlots.Clear();
            foreach (var (job, slot) in due)
            {
                if (!nextSlots.TryGetValue((job.Schedule, slot), out var next))
                {
                    next = job.Schedule.NextFireTime(slot, startedAt);
                    nextSlots[(job.Schedule, slot)] = next;
                }

                if (next is { } later)
                {
                    queue.Enqueue((job, later), GoesOutAt(job, later));
                }
            }
        }
    }

    // Whole seconds within the window (Scheduler itself is only minute-precise): a moment a fraction of a millisecond
    // ahead would be a wait Task.Delay rounds down to none, and the loop would spin until the clock got there.
    private DateTimeOffset GoesOutAt(ScheduledJob job, DateTimeOffset slot) =>
        job.FlexibleWindow > TimeSpan.Zero ? slot + TimeSpan.FromSeconds(Math.Floor(_windows.NextDouble() * job.FlexibleWindow.TotalSeconds)) : slot;

    /// <summary>Waits up to <paramref name="wait"/> for deliveries under way; then cancels the rest and waits for them to end. True when all ended by themselves.</summary>
    public async Task<bool> DrainAsync(TimeSpan wait)
    {
        var all = Task.WhenAll(Snapshot());
        var finished = await Task.WhenAny(all, Task.Delay(wait)).ConfigureAwait(false) == all;
        if (!finished)
        {
            await _deliveries.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(Snapshot()).ConfigureAwait(false);
        }

        return finished;
    }

    public async ValueTask DisposeAsync()
    {
        await _deliveries.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(Snapshot()).ConfigureAwait(false);
        _deliveries.Dispose();
    }

    private void Dispatch(ScheduleFiring firing)
    {
        Interlocked.Increment(ref _fired);
        var delivery = Task.Run(() => DeliverAsync(firing));
        lock (_inFlight)
        {
            if (!delivery.IsCompleted)
            {
                _inFlight.Add(delivery);
            }
        }

        // Registered after the add, so the removal can never run before it.
        _ = delivery.ContinueWith(Forget, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void Forget(Task delivery)
    {
        lock (_inFlight)
        {
            _inFlight.Remove(delivery);
        }
    }

    private async Task DeliverAsync(ScheduleFiring firing)
    {
        try
        {
            await _dispatch(firing, _deliveries.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_deliveries.IsCancellationRequested)
        {
            // Stopped on purpose by DrainAsync or DisposeAsync.
        }
#pragma warning disable CA1031 // One job's failing delivery must not stop the loop that fires every other job.
        catch (Exception error)
#pragma warning restore CA1031
        {
            _dispatchFailed?.Invoke(firing, error);
        }
    }

    private Task[] Snapshot()
    {
        lock (_inFlight)
        {
            return [.. _inFlight];
        }
    }
}
