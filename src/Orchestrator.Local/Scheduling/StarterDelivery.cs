using Orchestrator.Templates;

namespace Orchestrator.Local.Scheduling;

/// <summary>
/// One slot delivered as Scheduler and Lambda deliver it: the job's Input with the context attributes filled in, sent to
/// the real starter as an async invoke; an invocation that errors (the starter died) is retried by Lambda twice, after
/// about 1 and 2 minutes of local time. With duplicates=N the slot goes out N extra times at once (at-least-once).
/// </summary>
public sealed class StarterDelivery(LocalDeployment local)
{
    private static readonly TimeSpan[] LambdaRetryDelays = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2)];

    /// <summary>Every delivery of the slot (1 + injected duplicates), concurrently; the answers of all invocations, retries included.</summary>
    public async Task<IReadOnlyList<DeliveryResult>> DeliverAsync(TemplateJob job, DateTimeOffset slot, CancellationToken cancellation = default)
    {
        var deliveries = 1 + local.Options.Faults.Duplicates;
        var answers = await Task.WhenAll(Enumerable.Range(0, deliveries).Select(_ => DeliverWithRetriesAsync(job, slot, cancellation))).ConfigureAwait(false);
        return [.. answers.SelectMany(a => a)];
    }

    /// <summary>One delivery and Lambda's retries of it: the answer of each invocation, in order.</summary>
    public async Task<IReadOnlyList<DeliveryResult>> DeliverWithRetriesAsync(TemplateJob job, DateTimeOffset slot, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        var answers = new List<DeliveryResult>();
        for (var attempt = 1; ; attempt++)
        {
            var result = await local.DeliverAsync(job, slot, attempt, cancellation).ConfigureAwait(false);
            answers.Add(result);
            if (result.Outcome is not ("Crashed" or "Error") || attempt > LambdaRetryDelays.Length)
            {
                return answers;
            }

            await Task.Delay(local.Clock.Scale(LambdaRetryDelays[attempt - 1]), cancellation).ConfigureAwait(false);
        }
    }
}
