using Orchestrator.Ledger;
using Orchestrator.Scheduling.Jobs;
using Orchestrator.Scheduling.Runs;
using Orchestrator.Starter.Input;
using Orchestrator.StepFunctions;

namespace Orchestrator.Starter;

/// <summary>Settings the starter reads once at start-up.</summary>
public sealed record StarterOptions
{
    public required string StateMachineArn { get; init; }

    public int RetentionDays { get; init; } = JobDefaults.RetentionDays;

    /// <summary>A CLAIMED record older than this is taken as a starter that died before StartExecution.</summary>
    public TimeSpan StaleClaimAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Runs between a successful claim and StartExecution: local mode's fault injection kills the starter here.</summary>
    public Func<NewRun, ValueTask>? AfterClaim { get; init; }
}

/// <summary>
/// Turns one delivery of a scheduled slot into at most one execution:
/// validate → runId → (deadline / Forbid → SKIPPED) → conditional claim → StartExecution(name = runId) → RUNNING.
/// Duplicate deliveries, concurrent or late, meet the claim or Step Functions' name idempotency and end as Duplicate;
/// a delivery that finds a claim without an execution starts it (Resumed), so a crash between claim and start loses nothing.
/// </summary>
public sealed class RunStarter(RunLedger ledger, IStepFunctionsClient stepFunctions, StarterOptions options, TimeProvider time)
{
    public async Task<StartOutcome> StartAsync(ScheduleInput delivery, CancellationToken cancellationToken = default)
    {
        var job = delivery.Job;
        var runId = RunId.For(job.Name, delivery.ScheduledTime);
        var run = new NewRun
        {
            RunId = runId,
            Job = job.Name,
            ScheduledTime = delivery.ScheduledTime,
            ExpiresAt = delivery.ScheduledTime.AddDays(options.RetentionDays),
            LogStreamPrefix = (job.Task.LogStreamPrefix ?? job.Name) + "/" + job.Task.Container,
            Container = job.Task.Container,
        };
        var input = ExecutionInput.For(job, runId, delivery.ScheduledTime, options.RetentionDays).ToJson();

        var lateness = time.GetUtcNow() - delivery.ScheduledTime;
        if (lateness > TimeSpan.FromSeconds(job.StartingDeadlineSeconds))
        {
            var reason = $"starting deadline passed: delivered {lateness.TotalSeconds:F0} s after the scheduled time, deadline {job.StartingDeadlineSeconds} s";
            return await SkipAsync(run, reason, input, cancellationToken);
        }

        if (job.Concurrency == ConcurrencyPolicy.Forbid)
        {
            var active = (await ledger.ActiveRunIdsAsync(job.Name, cancellationToken)).Where(id => id != runId).ToList();
            if (active.Count > 0)
            {
                return await SkipAsync(run, $"concurrency Forbid: run {active[0]} is still running", input, cancellationToken);
            }
        }

        return await ledger.ClaimAsync(run, cancellationToken) switch
        {
            ClaimResult.Claimed => await AfterClaimAsync(run, input, cancellationToken),
            ClaimResult.AlreadyRecorded existing => await HandleExistingAsync(run, existing.Existing, input, cancellationToken),
            _ => throw new InvalidOperationException("unknown claim result"),
        };
    }

    private async Task<StartOutcome> AfterClaimAsync(NewRun run, string input, CancellationToken cancellationToken)
    {
        if (options.AfterClaim is { } hook)
        {
            await hook(run);
        }

        return await StartClaimedAsync(run, input, StartOutcomeKind.Started, cancellationToken);
    }

    private async Task<StartOutcome> SkipAsync(NewRun run, string reason, string input, CancellationToken cancellationToken)
    {
        return await ledger.RecordSkippedAsync(run, reason, cancellationToken) switch
        {
            ClaimResult.Claimed => new StartOutcome { Kind = StartOutcomeKind.Skipped, Job = run.Job, RunId = run.RunId, Reason = reason },
            // The slot was claimed before the deadline passed or the other run started: honour that claim.
            ClaimResult.AlreadyRecorded existing => await HandleExistingAsync(run, existing.Existing, input, cancellationToken),
            _ => throw new InvalidOperationException("unknown claim result"),
        };
    }

    private async Task<StartOutcome> HandleExistingAsync(NewRun run, RunRecord existing, string input, CancellationToken cancellationToken)
    {
        if (existing.Status != RunStatus.Claimed)
        {
            return Outcome(StartOutcomeKind.Duplicate, run, existing.ExecutionArn, $"run already {existing.Status.ToName()}");
        }

        // Claimed but not marked running: either another delivery is starting it right now, or it died after the claim.
        // StartExecution is idempotent for the same name and input while running, so calling it again is safe either way.
        var stale = existing.ClaimedAt is { } claimedAt && time.GetUtcNow() - claimedAt >= options.StaleClaimAfter;
        return await StartClaimedAsync(run, input, stale ? StartOutcomeKind.Resumed : StartOutcomeKind.Duplicate, cancellationToken);
    }

    private async Task<StartOutcome> StartClaimedAsync(NewRun run, string input, StartOutcomeKind onSuccess, CancellationToken cancellationToken)
    {
        string executionArn;
        try
        {
            var started = await stepFunctions.StartExecutionAsync(new StartExecutionRequest
            {
                StateMachineArn = options.StateMachineArn,
                Name = run.RunId,
                Input = input,
            }, cancellationToken);
            executionArn = started.ExecutionArn;
        }
        catch (ExecutionAlreadyExistsException)
        {
            // Closed already, or running with another input (the job block changed between deliveries): it ran once.
            var arn = ExecutionArnFor(options.StateMachineArn, run.RunId);
            await ledger.MarkRunningAsync(run.RunId, arn, time.GetUtcNow(), cancellationToken);
            return Outcome(StartOutcomeKind.Duplicate, run, arn, "execution already exists");
        }

        var movedByUs = await ledger.MarkRunningAsync(run.RunId, executionArn, time.GetUtcNow(), cancellationToken);
        return onSuccess switch
        {
            // The claimer started it, even if a fast run already finished and moved the record past RUNNING.
            StartOutcomeKind.Started => Outcome(StartOutcomeKind.Started, run, executionArn, null),
            StartOutcomeKind.Resumed when movedByUs => Outcome(StartOutcomeKind.Resumed, run, executionArn, "claimed earlier by a delivery that did not start it"),
            _ => Outcome(StartOutcomeKind.Duplicate, run, executionArn, "another delivery is starting or started it"),
        };
    }

    /// <summary>Execution ARNs are the state machine ARN with "execution" for "stateMachine" and the name appended.</summary>
    public static string ExecutionArnFor(string stateMachineArn, string name) =>
        stateMachineArn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":" + name;

    private static StartOutcome Outcome(StartOutcomeKind kind, NewRun run, string? arn, string? reason) =>
        new() { Kind = kind, Job = run.Job, RunId = run.RunId, ExecutionArn = arn, Reason = reason };
}
