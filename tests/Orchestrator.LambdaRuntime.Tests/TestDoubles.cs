using System.Text;

namespace Orchestrator.LambdaRuntime.Tests;

/// <summary>Environment variables in a dictionary; counts reads so tests can prove AWS_LAMBDA_RUNTIME_API is read once.</summary>
public sealed class DictionaryEnvironment(Dictionary<string, string?> values) : ILambdaEnvironment
{
    private readonly Dictionary<string, int> _reads = [];

    public string? Get(string name)
    {
        _reads[name] = ReadsOf(name) + 1;
        return values.GetValueOrDefault(name);
    }

    public void Set(string name, string? value) => values[name] = value;

    public int ReadsOf(string name) => _reads.GetValueOrDefault(name);
}

/// <summary>An IInvocationHandler from a lambda.</summary>
public sealed class DelegateHandler(Func<Invocation, CancellationToken, Task<ReadOnlyMemory<byte>>> handle) : IInvocationHandler
{
    public static DelegateHandler Echo(Func<string, string> map) =>
        new((invocation, _) => Task.FromResult<ReadOnlyMemory<byte>>(Encoding.UTF8.GetBytes(map(Encoding.UTF8.GetString(invocation.Payload.Span)))));

    public Task<ReadOnlyMemory<byte>> HandleAsync(Invocation invocation, CancellationToken cancellationToken) => handle(invocation, cancellationToken);
}

/// <summary>A clock that moves only when told to; timers (and so CancelAfter via TimeProvider) fire on Advance.</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly List<ManualTimer> _timers = [];
    private readonly Lock _gate = new();
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (_gate)
        {
            _now += by;
            due = _timers.Where(timer => timer.DueAt <= _now).ToList();
            _timers.RemoveAll(due.Contains);
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class ManualTimer(ManualTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    return true;
                }

                DueAt = clock._now + dueTime;
                if (dueTime > TimeSpan.Zero)
                {
                    clock._timers.Add(this);
                    return true;
                }
            }

            Fire();
            return true;
        }

        public void Fire() => callback(state);

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
