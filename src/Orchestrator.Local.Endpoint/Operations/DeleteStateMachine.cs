using Orchestrator.Local.Endpoint.Protocol;
using Orchestrator.Local.Endpoint.Store;

namespace Orchestrator.Local.Endpoint.Operations;

/// <summary>DeleteStateMachine: removes the machine and stops its running executions ("terminated on the next state transition").</summary>
internal sealed class DeleteStateMachine(StateMachineStore store)
    : WireOperation<StateMachineArnRequest, EmptyResponse>(WireJsonContext.Default.StateMachineArnRequest, WireJsonContext.Default.EmptyResponse)
{
    public override string Name => "DeleteStateMachine";

    public override ValueTask<Outcome<EmptyResponse>> ExecuteAsync(StateMachineArnRequest request, CancellationToken cancellation) =>
        ValueTask.FromResult(Delete(request.StateMachineArn));

    private Outcome<EmptyResponse> Delete(string? arn)
    {
        if (arn is null)
        {
            return ServiceError.MissingMember("stateMachineArn");
        }

        if (Arns.Check(arn, "stateMachine") is { } invalid)
        {
            return invalid;
        }

        // AWS answers 200 for a machine that does not exist (deleting is idempotent).
        if (store.Remove(arn))
        {
            foreach (var entry in store.Executions.Where(e => e.Machine.Arn == arn && e.Execution.Result is null))
            {
                entry.Execution.Stop("States.Runtime", "The state machine was deleted.");
            }
        }

        return Outcome.Success(new EmptyResponse());
    }
}
