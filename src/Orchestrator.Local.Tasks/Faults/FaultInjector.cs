using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Orchestrator.Local.Tasks.Faults;

/// <summary>What one RunTask call is made to suffer.</summary>
public abstract record LaunchFault
{
    private LaunchFault()
    {
    }

    public static LaunchFault None { get; } = new NoFault();

    /// <summary>Nothing injected: the task runs its command.</summary>
    public sealed record NoFault : LaunchFault;

    /// <summary>RunTask throws "Capacity is unavailable at this time..." (AmazonECSException).</summary>
    public sealed record CapacityUnavailable : LaunchFault;

    /// <summary>RunTask answers HTTP 200 with Failures [RESOURCE:FARGATE].</summary>
    public sealed record PlacementFailure : LaunchFault;

    /// <summary>The task is created but stops with TaskFailedToStart and this ENI StoppedReason; nothing runs.</summary>
    public sealed record EniFailure(string StoppedReason) : LaunchFault;

    /// <summary>The essential container "exits" with this code without running its command.</summary>
    public sealed record Exit(int Code) : LaunchFault;
}

/// <summary>How many faults were injected, for run summaries.</summary>
public sealed record InjectedFaults
{
    public int Eni { get; init; }

    public int Capacity { get; init; }

    public int Unknown { get; init; }

    public int Exit { get; init; }

    public ImmutableSortedDictionary<int, int> ExitsByCode { get; init; } = ImmutableSortedDictionary<int, int>.Empty;

    public int Total => Eni + Capacity + Unknown + Exit;

    public override string ToString() => $"eni {Eni}, capacity {Capacity}, unknown {Unknown}, exit {Exit}";
}

/// <summary>
/// Draws the faults of a <see cref="FaultPlan"/> from one seeded Random. Every decision consumes the same number of draws
/// whatever it yields, so the n-th RunTask of a run gets the same fault on every run with the same seed; ENI reasons
/// rotate through every known spelling.
/// </summary>
public sealed class FaultInjector(FaultPlan plan)
{
    private readonly Random _random = new(plan.Seed);
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<int, int> _exits = new();
    private int _eni;
    private int _capacity;
    private int _unknown;

    public FaultPlan Plan { get; } = plan;

    public InjectedFaults Counts => new()
    {
        Eni = Volatile.Read(ref _eni),
        Capacity = Volatile.Read(ref _capacity),
        Unknown = Volatile.Read(ref _unknown),
        Exit = _exits.Values.Sum(),
        ExitsByCode = _exits.ToImmutableSortedDictionary(),
    };

    public LaunchFault Next()
    {
        if (!Plan.AffectsTasks)
        {
            return LaunchFault.None;
        }

        double capacity, unknown, eni, exit;
        lock (_gate)
        {
            capacity = _random.NextDouble();
            unknown = _random.NextDouble();
            eni = _random.NextDouble();
            exit = _random.NextDouble();
        }

        if (capacity < Plan.Capacity)
        {
            Interlocked.Increment(ref _capacity);
            return new LaunchFault.CapacityUnavailable();
        }

        if (unknown < Plan.Unknown)
        {
            Interlocked.Increment(ref _unknown);
            return new LaunchFault.PlacementFailure();
        }

        if (eni < Plan.Eni)
        {
            var n = Interlocked.Increment(ref _eni) - 1;
            return new LaunchFault.EniFailure(EniStoppedReasons.All[n % EniStoppedReasons.All.Length]);
        }

        var cumulative = 0.0;
        foreach (var fault in Plan.Exits)
        {
            cumulative += fault.Probability;
            if (exit < cumulative)
            {
                _exits.AddOrUpdate(fault.Code, 1, (_, count) => count + 1);
                return new LaunchFault.Exit(fault.Code);
            }
        }

        return LaunchFault.None;
    }
}
