namespace Orchestrator.States.History;

/// <summary>
/// The append-only event log of one execution. Ids are global and increasing; PreviousEventId chains the events of one
/// branch of work (a Parallel branch or Map iteration continues from the event that started it).
/// </summary>
public sealed class ExecutionHistory
{
    private readonly List<HistoryEvent> _events = [];
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

    /// <summary>Appends an event built from its id; returns the id.</summary>
    public long Append(Func<long, HistoryEvent> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        lock (_gate)
        {
            var e = build(_events.Count + 1);
            _events.Add(e);
            return e.Id;
        }
    }
}
