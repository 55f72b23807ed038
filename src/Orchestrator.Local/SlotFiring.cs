using System.Collections.Concurrent;
using Orchestrator.Ledger;
using Orchestrator.Local.Scheduling;
using Orchestrator.Scheduling.Runs;
using Orchestrator.Templates;

namespace Orchestrator.Local;

/// <summary>What `local fire` did: counts a reader can check against "every slot ran exactly once".</summary>
public sealed record FireReport
{
    public required string Job { get; init; }

    public required int Slots { get; init; }

    public required int Deliveries { get; init; }

    public required int ExecutionsStarted { get; init; }

    public required int DuplicatesSuppressed { get; init; }

    public required IReadOnlyDictionary<string, int> Outcomes { get; init; }

    public required IReadOnlyDictionary<string, int> RunsByStatus { get; init; }

    public required int TaskAttempts { get; init; }

    public required int LaunchRetries { get; init; }

    public required int StarterCrashes { get; init; }

    /// <summary>Slots with no terminal record when the wait ended.</summary>
    public required IReadOnlyList<string> Lost { get; init; }

    /// <summary>The fired slots' run records, in slot order.</summary>
    public required IReadOnlyList<RunRecord> Runs { get; init; }

    /// <summary>Every slot was started exactly once (or recorded SKIPPED by policy) and none was lost.</summary>
    public bool EverySlotRanOnce => Lost.Count == 0 && ExecutionsStarted + RunsByStatus.GetValueOrDefault("SKIPPED") == Slots;
}

/// <summary>
/// `local fire`: K consecutive scheduled slots of a job, each delivered N times at once to the real starter, with Lambda's
/// async retries for deliveries that errored (the starter died), then waits until every run is terminal.
/// </summary>
public sealed class SlotFiring(LocalDeployment local)
{
    private readonly StarterDelivery _delivery = new(local);

    /// <param name="sequential">Fire each slot only after the previous one's run ended, as time passing would; otherwise all at once.</param>
    public async Task<FireReport> FireAsync(string jobName, int slots, int deliveries, TimeSpan wait, IProgress<string>? progress = null, bool sequential = false, CancellationToken cancellation = default)
    {
        var job = local.Template.Jobs.FirstOrDefault(j => j.Spec?.Name == jobName)
            ?? throw new LocalModeException($"no job '{jobName}' in {local.Options.TemplatePath}; jobs: {string.Join(", ", local.Template.Jobs.Select(j => j.Spec?.Name ?? j.EventName))}");
        var schedule = job.Schedule ?? throw new LocalModeException($"{job.Location}: the job's schedule is invalid; run `orchestrator validate`.");
        var now = local.Clock.GetUtcNow();
        var times = schedule.FireTimes(now.AddSeconds(-1), startedAt: now).Take(slots).ToList();
        if (times.Count < slots)
        {
            throw new LocalModeException($"job '{jobName}' has only {times.Count} more scheduled slot(s) ({job.ScheduleExpression}).");
        }

        var perSlot = deliveries + local.Options.Faults.Duplicates;
        var outcomes = new ConcurrentBag<string>();
        progress?.Report($"firing {slots} slot(s) of {jobName} x {perSlot} deliveries");
        var runIds = times.Select(t => RunId.For(jobName, t)).ToList();
        if (sequential)
        {
            foreach (var time in times)
            {
                progress?.Report($"slot {time.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z: {perSlot} deliveries at once");
                await Task.WhenAll(Enumerable.Range(1, perSlot).Select(_ => DeliverWithRetriesAsync(job, time, outcomes, cancellation)));
                await WaitForTerminalAsync([RunId.For(jobName, time)], wait, progress, cancellation);
            }
        }
        else
        {
            await Task.WhenAll(times.SelectMany(time => Enumerable.Range(1, perSlot).Select(_ => DeliverWithRetriesAsync(job, time, outcomes, cancellation))));
        }

        var records = await WaitForTerminalAsync(runIds, wait, progress, cancellation);
        var started = 0;
        foreach (var runId in runIds)
        {
            var arn = Starter.RunStarter.ExecutionArnFor(local.StateMachineArn, runId);
            if ((await local.Endpoint.DescribeExecutionAsync(arn, cancellation)).IsSuccess)
            {
                started++;
            }
        }

        var attempts = records.Values.SelectMany(r => r.Attempts).ToList();
        return new FireReport
        {
            Job = jobName,
            Slots = slots,
            Deliveries = slots * perSlot,
            ExecutionsStarted = started,
            DuplicatesSuppressed = outcomes.Count(o => o == "Duplicate"),
            Outcomes = outcomes.GroupBy(o => o).ToDictionary(g => g.Key, g => g.Count()),
            RunsByStatus = records.Values.GroupBy(r => r.Status.ToName()).ToDictionary(g => g.Key, g => g.Count()),
            TaskAttempts = attempts.Count,
            LaunchRetries = attempts.Count(a => a.Kind == "error" || a.StopCode == "TaskFailedToStart"),
            StarterCrashes = local.Crashes,
            Lost = [.. runIds.Where(id => !records.TryGetValue(id, out var r) || !r.IsTerminal)],
            Runs = [.. runIds.Where(records.ContainsKey).Select(id => records[id])],
        };
    }

    private async Task DeliverWithRetriesAsync(TemplateJob job, DateTimeOffset slot, ConcurrentBag<string> outcomes, CancellationToken cancellation)
    {
        foreach (var answer in await _delivery.DeliverWithRetriesAsync(job, slot, cancellation))
        {
            outcomes.Add(answer.Outcome);
        }
    }

    private async Task<Dictionary<string, RunRecord>> WaitForTerminalAsync(List<string> runIds, TimeSpan wait, IProgress<string>? progress, CancellationToken cancellation)
    {
        var records = new Dictionary<string, RunRecord>(StringComparer.Ordinal);
        var deadline = DateTime.UtcNow + wait;
        var lastReport = DateTime.MinValue;
        while (true)
        {
            foreach (var runId in runIds.Where(id => !records.TryGetValue(id, out var r) || !r.IsTerminal))
            {
                if (await local.Ledger.GetAsync(runId, cancellation) is { } record)
                {
                    records[runId] = record;
                }
            }

            var open = runIds.Count(id => !records.TryGetValue(id, out var r) || !r.IsTerminal);
            if (open == 0 || DateTime.UtcNow > deadline)
            {
                return records;
            }

            if (DateTime.UtcNow - lastReport > TimeSpan.FromSeconds(2))
            {
                progress?.Report($"waiting for {open} of {runIds.Count} run(s) to finish");
                lastReport = DateTime.UtcNow;
            }

            await Task.Delay(100, cancellation);
        }
    }
}
