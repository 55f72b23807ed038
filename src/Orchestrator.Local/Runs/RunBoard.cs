using Orchestrator.Ledger;

namespace Orchestrator.Local.Runs;

/// <summary>
/// The runs `local up` shows, read from the run ledger as any user of it would: runs are tracked by id (from the starter's
/// answers and from closed executions, which include manual ones) and re-read until terminal. A refresh reports only the
/// runs whose status or attempt count changed, so a plain log prints one line per change.
/// </summary>
public sealed class RunBoard(RunLedger ledger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RunRecord?> _runs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _stale = new(StringComparer.Ordinal);

    /// <summary>Starts following a run id (idempotent).</summary>
    public void Track(string runId)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        lock (_gate)
        {
            _runs.TryAdd(runId, null);
        }
    }

    /// <summary>Reads a run again at the next refresh even when it was terminal: its execution closed (again, after a redrive).</summary>
    public void Reread(string runId)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        lock (_gate)
        {
            _runs.TryAdd(runId, null);
            _stale.Add(runId);
        }
    }

    /// <summary>Every run seen so far, newest first.</summary>
    public IReadOnlyList<RunRecord> Runs
    {
        get
        {
            lock (_gate)
            {
                return [.. _runs.Values.OfType<RunRecord>().OrderByDescending(r => r.RunAt).ThenBy(r => r.RunId, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Reads the runs that are not terminal yet; returns those that changed since the last refresh.</summary>
    public async Task<IReadOnlyList<RunRecord>> RefreshAsync(CancellationToken cancellation = default)
    {
        List<string> open;
        lock (_gate)
        {
            open = [.. _runs.Where(p => p.Value is not { IsTerminal: true } || _stale.Contains(p.Key)).Select(p => p.Key)];
            _stale.Clear();
        }

        var changed = new List<RunRecord>();
        foreach (var runId in open)
        {
            if (await ledger.GetAsync(runId, cancellation).ConfigureAwait(false) is not { } record)
            {
                continue;
            }

            lock (_gate)
            {
                var before = _runs.GetValueOrDefault(runId);
                if (before is null || before.Status != record.Status || before.Attempts.Length != record.Attempts.Length || before.RedriveCount != record.RedriveCount)
                {
                    changed.Add(record);
                }

                _runs[runId] = record;
            }
        }

        return changed;
    }
}
