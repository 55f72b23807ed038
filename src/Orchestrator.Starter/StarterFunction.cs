using System.Diagnostics;
using System.Text.Json;
using Orchestrator.LambdaRuntime;
using Orchestrator.Scheduling.Jobs;

namespace Orchestrator.Starter;

/// <summary>
/// The Lambda handler: a schedule delivery goes to <see cref="RunStarter"/>, an execution status change goes to
/// <see cref="RunFinalizer"/>. Bad events end as an InvalidEvent function error listing every problem; nothing is written.
/// </summary>
public sealed class StarterFunction(RunStarter starter, RunFinalizer finalizer, InvocationLog log) : IInvocationHandler
{
    public async Task<ReadOnlyMemory<byte>> HandleAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var (outcome, job, runId, arn, reason) = await RouteAsync(invocation.Payload, cancellationToken);
            log.Write(new InvocationLogEntry { Outcome = outcome, Job = job, RunId = runId, ExecutionArn = arn, Reason = reason, RequestId = invocation.RequestId, Duration = clock.Elapsed });
            return Response(outcome, job, runId, arn, reason);
        }
        catch (FunctionErrorException error)
        {
            log.Write(new InvocationLogEntry { Outcome = "Invalid", Reason = error.Message, RequestId = invocation.RequestId, Duration = clock.Elapsed });
            throw;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // Surfaced to Lambda, which retries the async invocation; the claim makes the retry safe.
            log.Write(new InvocationLogEntry { Outcome = "Error", Reason = error.GetType().Name + ": " + error.Message, RequestId = invocation.RequestId, Duration = clock.Elapsed });
            throw;
        }
    }

    private async Task<(string Outcome, string? Job, string? RunId, string? Arn, string? Reason)> RouteAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        JsonDocument? document = null;
        try
        {
            document = JsonDocument.Parse(payload);
        }
        catch (JsonException ex)
        {
            throw new FunctionErrorException("InvalidEvent", $"The event is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            if (RunFinalizer.IsStatusChange(document.RootElement))
            {
                var end = RunFinalizer.Parse(document.RootElement, problems) ?? throw Invalid("execution status change", problems);
                var moved = await finalizer.FinalizeAsync(end, cancellationToken);
                return ("Finalized", end.Job, end.RunId, end.ExecutionArn, moved ? $"run marked {end.Status}" : $"execution {end.Status}; run record already final");
            }
        }

        var delivery = ScheduleInput.Parse(payload.Span, out var scheduleProblems) ?? throw Invalid("schedule", scheduleProblems);
        var outcome = await starter.StartAsync(delivery, cancellationToken);
        return (outcome.Kind.ToString(), outcome.Job, outcome.RunId, outcome.ExecutionArn, outcome.Reason);
    }

    private static FunctionErrorException Invalid(string kind, IReadOnlyList<string> problems) =>
        new("InvalidEvent", $"The {kind} event was rejected and nothing was written: " + string.Join("; ", problems));

    private static ReadOnlyMemory<byte> Response(string outcome, string? job, string? runId, string? arn, string? reason)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("outcome", outcome);
            if (job is not null) { json.WriteString("job", job); }
            if (runId is not null) { json.WriteString("runId", runId); }
            if (arn is not null) { json.WriteString("executionArn", arn); }
            if (reason is not null) { json.WriteString("reason", reason); }
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
