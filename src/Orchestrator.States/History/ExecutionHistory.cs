namespace Orchestrator.States.History;

/// <summary>
/// The append-only event log of one execution. Ids are global and increasing; PreviousEventId chains the events of one
/// branch of work (a Parallel branch or Map iteration continues from the event that started it).
/// </summary>
public sealed class ExecutionHistory
{
    /// <summary>AWS's hard quota of events in one execution's history.</summary>
    public const int MaxEvents = 25_000;

    private readonly List<HistoryEvent> _events = new(8);
    private readonly Lock _gate = new();

    public IReadOnlyList<HistoryEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return _events.ToArray();
            }
        }
    }

    public long LastId
    {
        get
        {
            lock (_gate)
            {
                return _events.Count;
            }
        }
    }

    /// <summary>Appends an event and stamps its id; returns the id. Only a terminal event may go past the quota.</summary>
    public long Append(HistoryEvent e, bool terminal = false)
    {
        ArgumentNullException.ThrowIfNull(e);
        lock (_gate)
        {
            if (!terminal && _events.Count >= MaxEvents)
            {
                throw new HistoryLimitExceededException();
            }

            e.Id = _events.Count + 1;
            _events.Add(e);
            return e.Id;
        }
    }
}

/// <summary>The execution would exceed <see cref="ExecutionHistory.MaxEvents"/>: it ends FAILED (an endless loop cannot run forever).</summary>
public sealed class HistoryLimitExceededException() : Exception($"The execution reached the maximum number of history events ({ExecutionHistory.MaxEvents}).");
