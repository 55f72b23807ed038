using Orchestrator.Ledger;
using Orchestrator.Local.Runs;
using Orchestrator.Local.Scheduling;
using Orchestrator.Templates;

namespace Orchestrator.Local;

/// <summary>How `local up` runs: the deployment, how often the run view re-reads the ledger, how long stopping waits.</summary>
public sealed record LocalUpOptions
{
    public required LocalDeploymentOptions Deployment { get; init; }

    /// <summary>Wall-clock interval between reads of open runs for the live view.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Wall-clock time deliveries under way get to finish when stopping, before they are cancelled.</summary>
    public TimeSpan StopWait { get; init; } = TimeSpan.FromSeconds(5);
}

/// <summary>One slot delivered to the starter: when it was due, when the starter was invoked (both local time), and its answers.</summary>
public sealed record DeliveredSlot
{
    public required TemplateJob Job { get; init; }

    public required ScheduleFiring Firing { get; init; }

    public required DateTimeOffset StarterInvokedAt { get; init; }

    public required IReadOnlyList<DeliveryResult> Answers { get; init; }
}

/// <summary>
/// `local up`: the deployment of <see cref="LocalDeployment"/> kept running, with every enabled ScheduleV2 schedule fired
/// on time by one <see cref="LiveScheduler"/> into the real starter, and the runs followed in the ledger for a live view.
/// </summary>
public sealed class LocalUp : IAsyncDisposable
{
    private readonly LocalUpOptions _options;
    private readonly StarterDelivery _delivery;

    private LocalUp(LocalUpOptions options, LocalDeployment deployment, RunBoard board)
    {
        _options = options;
        Deployment = deployment;
        Board = board;
        _delivery = new StarterDelivery(deployment);
        EnabledJobs = [.. deployment.Template.Jobs.Where(j => j.Enabled && j.Schedule is not null)];
        DisabledJobs = [.. deployment.Template.Jobs.Where(j => !j.Enabled)];
        Scheduler = new LiveScheduler(
            EnabledJobs.Select(j => new ScheduledJob
            {
                Name = j.Spec?.Name ?? j.EventName,
                Schedule = j.Schedule!,
                MaximumEventAge = TimeSpan.FromSeconds(j.MaximumEventAgeSeconds),
                FlexibleWindow = j.FlexibleWindowMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : TimeSpan.Zero,
                Tag = j,
            }),
            deployment.Clock,
            DeliverAsync,
            (firing, error) => DeliveryFailed?.Invoke(firing, error));
    }

    public LocalDeployment Deployment { get; }

    public LiveScheduler Scheduler { get; }

    public RunBoard Board { get; }

    /// <summary>Jobs whose schedule is ENABLED: the scheduler fires these.</summary>
    public IReadOnlyList<TemplateJob> EnabledJobs { get; }

    /// <summary>Jobs whose schedule has State: DISABLED: never fired, as in AWS.</summary>
    public IReadOnlyList<TemplateJob> DisabledJobs { get; }

    /// <summary>A slot went to the starter and it answered (called on a pool thread).</summary>
    public event Action<DeliveredSlot>? SlotDelivered;

    /// <summary>A run's status or attempts changed in the ledger (called from the refresh loop).</summary>
    public event Action<RunRecord>? RunChanged;

    /// <summary>A delivery failed in a way the starter could not answer (called on a pool thread).</summary>
    public event Action<ScheduleFiring, Exception>? DeliveryFailed;

    /// <summary>Brings the deployment up (dynalite, tables, state machine, endpoint, starter); the scheduler starts with <see cref="RunAsync"/>.</summary>
    public static async Task<LocalUp> StartAsync(LocalUpOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        RunBoard? board = null;
        var caller = options.Deployment.ExecutionClosed;
        var deployment = await LocalDeployment.StartAsync(options.Deployment with
        {
            ExecutionClosed = change =>
            {
                // Closed executions include manual ones (console, CLI) that no schedule delivered.
                board?.Reread(change.Name);
                caller?.Invoke(change);
            },
        }, cancellation).ConfigureAwait(false);
        board = new RunBoard(deployment.Ledger);
        return new LocalUp(options, deployment, board);
    }

    /// <summary>Fires schedules and follows runs until <paramref name="stop"/>; then stops firing and gives deliveries under way a moment to finish.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var firing = Scheduler.RunAsync(stop);
        var refreshing = RefreshLoopAsync(stop);
        await firing.ConfigureAwait(false);
        await refreshing.ConfigureAwait(false);
        await Scheduler.DrainAsync(_options.StopWait).ConfigureAwait(false);
        await RefreshOnceAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Tasks still running (they are stopped by <see cref="DisposeAsync"/>).</summary>
    public int RunningTasks => Deployment.Ecs.KnownTasks.Count(t => !t.Stopped.IsCompleted);

    /// <summary>Stops the scheduler's deliveries, the running tasks, the endpoint and dynalite.</summary>
    public async ValueTask DisposeAsync()
    {
        await Scheduler.DisposeAsync().ConfigureAwait(false);
        await Deployment.DisposeAsync().ConfigureAwait(false);
    }

    private async Task DeliverAsync(ScheduleFiring firing, CancellationToken cancellation)
    {
        var job = (TemplateJob)firing.Job.Tag!;
        var invokedAt = Deployment.Clock.GetUtcNow();
        var answers = await _delivery.DeliverAsync(job, firing.ScheduledTime, cancellation).ConfigureAwait(false);
        foreach (var answer in answers)
        {
            if (answer.RunId is { } runId)
            {
                Board.Track(runId);
            }
        }

        SlotDelivered?.Invoke(new DeliveredSlot { Job = job, Firing = firing, StarterInvokedAt = invokedAt, Answers = answers });
    }

    private async Task RefreshLoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await RefreshOnceAsync(stop).ConfigureAwait(false);
                await Task.Delay(_options.RefreshInterval, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task RefreshOnceAsync(CancellationToken cancellation)
    {
        try
        {
            foreach (var run in await Board.RefreshAsync(cancellation).ConfigureAwait(false))
            {
                RunChanged?.Invoke(run);
            }
        }
        catch (Amazon.Runtime.AmazonServiceException)
        {
            // The view is best effort: a ledger read that failed is tried again at the next refresh.
        }
        catch (HttpRequestException)
        {
        }
    }
}
