using System.Globalization;
using Orchestrator.Cli.Runs;
using Orchestrator.Ledger;
using Orchestrator.Local;
using Orchestrator.Local.Scheduling;
using Spectre.Console;

namespace Orchestrator.Cli.Local;

/// <summary>How `local up` shows what happens: a live table on a terminal, one line per change otherwise.</summary>
internal interface IRunView
{
    void Delivered(DeliveredSlot slot);

    void RunChanged(RunRecord run);

    void DeliveryFailed(ScheduleFiring firing, Exception error);

    /// <summary>Shows until <paramref name="stop"/>.</summary>
    Task ShowAsync(CancellationToken stop);
}

/// <summary>One line per fired slot and per run change, for CI logs, pipes and tests; clock times are local (scaled) time, "late" is real time.</summary>
internal sealed class PlainRunLog(ScaledTimeProvider clock, TextWriter output) : IRunView
{
    private readonly Lock _gate = new();

    public void Delivered(DeliveredSlot slot)
    {
        var answers = string.Join(", ", slot.Answers.Select(a => a.Outcome + (a.Error is null ? "" : $" ({a.Error})")));
        var runId = slot.Answers.Select(a => a.RunId).FirstOrDefault(id => id is not null) ?? "-";
        Write($"fired  {slot.Firing.Job.Name}  slot {RunFormat.Time(slot.Firing.ScheduledTime)}  late {Late(slot, clock)}  -> {answers}  {runId}");
    }

    public void RunChanged(RunRecord run) =>
        Write($"run    {run.RunId}  {run.Job}  {run.Trigger.ToName()}  {run.Status.ToName()}  attempts {run.Attempts.Length}  {RunFormat.Duration(run)}");

    public void DeliveryFailed(ScheduleFiring firing, Exception error) =>
        Write($"error  {firing.Job.Name}  slot {RunFormat.Time(firing.ScheduledTime)}: {error.GetType().Name}: {error.Message}");

    public async Task ShowAsync(CancellationToken stop)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private void Write(string line)
    {
        lock (_gate)
        {
            output.WriteLine($"[{clock.GetUtcNow().UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}Z] {line}");
            output.Flush();
        }
    }

    /// <summary>How late the starter was invoked, in real time (local time divided by the speed).</summary>
    internal static string Late(DeliveredSlot slot, ScaledTimeProvider clock) =>
        ((slot.StarterInvokedAt - slot.Firing.ScheduledTime) / clock.Speed).TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + "s";
}

/// <summary>A table of the newest runs redrawn in place twice a second, with what the scheduler did last under it.</summary>
internal sealed class LiveRunTable(LocalUp up, TextWriter output) : IRunView
{
    // Rows wrap on a narrow terminal: keep the table within the window so it redraws in place.
    private static int Shown => Math.Clamp((Console.WindowHeight - 12) / (Console.WindowWidth < 140 ? 3 : 1), 3, 20);
    private readonly Lock _gate = new();
    private readonly Queue<string> _recent = new();

    public void Delivered(DeliveredSlot slot) => Note($"{slot.Firing.Job.Name} slot {RunFormat.Time(slot.Firing.ScheduledTime)}: {string.Join(", ", slot.Answers.Select(a => a.Outcome))} (late {PlainRunLog.Late(slot, up.Deployment.Clock)})");

    public void RunChanged(RunRecord run)
    {
        // The table reads the board itself; nothing to remember per change.
    }

    public void DeliveryFailed(ScheduleFiring firing, Exception error) => Note($"{firing.Job.Name} slot {RunFormat.Time(firing.ScheduledTime)}: {error.GetType().Name}: {error.Message}");

    public async Task ShowAsync(CancellationToken stop)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        await console.Live(Render()).AutoClear(false).StartAsync(async context =>
        {
            while (!stop.IsCancellationRequested)
            {
                context.UpdateTarget(Render());
                try
                {
                    await Task.Delay(500, stop);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    break;
                }
            }

            context.UpdateTarget(Render());
        });
    }

    private void Note(string line)
    {
        lock (_gate)
        {
            _recent.Enqueue(line);
            while (_recent.Count > 4)
            {
                _recent.Dequeue();
            }
        }
    }

    private Rows Render()
    {
        var now = up.Deployment.Clock.GetUtcNow();
        var table = new Table().Border(TableBorder.Rounded).Expand();
        foreach (var column in new[] { "JOB", "RUN ID", "TRIGGER", "STATUS", "ATTEMPTS", "DURATION" })
        {
            table.AddColumn(column);
        }

        var runs = up.Board.Runs;
        foreach (var run in runs.Take(Shown))
        {
            var duration = run.IsTerminal ? RunFormat.Duration(run) : (run.StartedAt ?? run.ClaimedAt) is { } since ? RunFormat.Duration(now - since) : "-";
            table.AddRow(new Text(run.Job), new Text(run.RunId), new Text(run.Trigger.ToName()), new Markup(Colour(run.Status)),
                new Text(run.Attempts.Length.ToString(CultureInfo.InvariantCulture)), new Text(duration));
        }

        string[] recent;
        lock (_gate)
        {
            recent = [.. _recent];
        }

        table.Caption(new TableTitle(Markup.Escape(
            $"local time {RunFormat.Time(now)} | {runs.Count} run(s), {Math.Min(runs.Count, Shown)} newest shown | fired {up.Scheduler.Fired} slot(s), {up.Scheduler.InFlight} delivering | Ctrl-C to stop")));
        return new Rows([table, .. recent.Select(line => new Text(line))]);
    }

    private static string Colour(RunStatus status) => status switch
    {
        RunStatus.Succeeded => "[green]SUCCEEDED[/]",
        RunStatus.Failed or RunStatus.TimedOut or RunStatus.Aborted => $"[red]{status.ToName()}[/]",
        RunStatus.Skipped => "[grey]SKIPPED[/]",
        _ => $"[yellow]{status.ToName()}[/]",
    };
}
