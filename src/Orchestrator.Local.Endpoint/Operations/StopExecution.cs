using Orchestrator.Local.Endpoint.Protocol;
using Orchestrator.Local.Endpoint.Store;

namespace Orchestrator.Local.Endpoint.Operations;

/// <summary>
/// StopExecution: the execution ends ABORTED with the caller's error and cause. The answer waits until the engine has
/// recorded the abort, so a DescribeExecution right after sees ABORTED, as it does in AWS.
/// </summary>
internal sealed class StopExecution(StateMachineStore store)
    : WireOperation<StopExecutionRequest, StopExecutionResponse>(WireJsonContext.Default.StopExecutionRequest, WireJsonContext.Default.StopExecutionResponse)
{
    private const int MaxErrorLength = 256;
    private const int MaxCauseLength = 32_768;

    public override string Name => "StopExecution";

    public override async ValueTask<Outcome<StopExecutionResponse>> ExecuteAsync(StopExecutionRequest request, CancellationToken cancellation)
    {
        if (request.ExecutionArn is not { } arn)
        {
            return ServiceError.MissingMember("executionArn");
        }

        if (Arns.Check(arn, "execution") is { } invalid)
        {
            return invalid;
        }

        if (request.Error is { Length: > MaxErrorLength })
        {
            return ServiceError.Validation($"1 validation error detected: Value at 'error' failed to satisfy constraint: Member must have length less than or equal to {MaxErrorLength}");
        }

        if (request.Cause is { Length: > MaxCauseLength })
        {
            return ServiceError.Validation($"1 validation error detected: Value at 'cause' failed to satisfy constraint: Member must have length less than or equal to {MaxCauseLength}");
        }

        if (store.Execution(arn) is not { } entry)
        {
            return ServiceError.ExecutionDoesNotExist(arn);
        }

        var completion = entry.Execution.Completion;
        entry.Execution.Stop(request.Error, request.Cause);
        try
        {
            // Wall-clock bound on purpose: a virtual engine clock only moves when executions wait, so it could never time this out.
            await completion.WaitAsync(store.Options.StopTimeout, cancellation).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A task handler that ignores cancellation keeps the engine busy; answer anyway, the abort is recorded when it returns.
            return Outcome.Success(new StopExecutionResponse { StopDate = store.Now });
        }

        // Stopping an execution that had already closed changes nothing and reports when it closed.
        return Outcome.Success(new StopExecutionResponse { StopDate = entry.Execution.StopDate ?? store.Now });
    }
}
