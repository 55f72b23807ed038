using Orchestrator.Local.Endpoint.Protocol;
using Orchestrator.Local.Endpoint.Store;
using Orchestrator.States.Execution;

namespace Orchestrator.Local.Endpoint.Operations;

/// <summary>
/// RedriveExecution: resumes a FAILED, ABORTED or TIMED_OUT STANDARD execution at the state that did not complete,
/// same ARN, redriveCount + 1. "The execution status isn't SUCCEEDED" — RUNNING and SUCCEEDED are not redrivable.
/// </summary>
internal sealed class RedriveExecution(StateMachineStore store)
    : WireOperation<RedriveExecutionRequest, RedriveExecutionResponse>(WireJsonContext.Default.RedriveExecutionRequest, WireJsonContext.Default.RedriveExecutionResponse)
{
    public override string Name => "RedriveExecution";

    public override ValueTask<Outcome<RedriveExecutionResponse>> ExecuteAsync(RedriveExecutionRequest request, CancellationToken cancellation) =>
        ValueTask.FromResult(Redrive(request));

    private Outcome<RedriveExecutionResponse> Redrive(RedriveExecutionRequest request)
    {
        if (request.ExecutionArn is not { } arn)
        {
            return ServiceError.MissingMember("executionArn");
        }

        if (Arns.Check(arn, "execution") is { } invalid)
        {
            return invalid;
        }

        if (request.ClientToken is { } token && (token.Length is 0 or > 64 || token.Any(c => c is < '!' or > '~')))
        {
            return ServiceError.Validation($"1 validation error detected: Value '{token}' at 'clientToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [!-~]+");
        }

        if (store.Execution(arn) is not { } entry)
        {
            return ServiceError.ExecutionDoesNotExist(arn);
        }

        lock (store.NameLock(arn))
        {
            if (entry.RedriveFor(request.ClientToken) is { } earlier)
            {
                return Outcome.Success(new RedriveExecutionResponse { RedriveDate = earlier });
            }

            if (entry.Machine.IsExpress)
            {
                return ServiceError.ExecutionNotRedrivable("Redrive is not supported for EXPRESS state machines");
            }

            var view = entry.View();
            if (view.RedriveStatusReason is { } reason)
            {
                return ServiceError.ExecutionNotRedrivable(reason + ": " + arn);
            }

            Task<ExecutionResult> completion;
            var now = store.Now;
            try
            {
                completion = entry.Execution.RedriveAsync();
            }
            catch (InvalidOperationException ex)
            {
                // The engine's other reasons: the history is too long, or the execution never entered a state.
                return ServiceError.ExecutionNotRedrivable(ex.Message);
            }

            entry.Redriven(now, request.ClientToken);
            store.ReportWhenClosed(entry, completion);
            return Outcome.Success(new RedriveExecutionResponse { RedriveDate = now });
        }
    }
}
