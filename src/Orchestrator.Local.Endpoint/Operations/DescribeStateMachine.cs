using Orchestrator.Local.Endpoint.Protocol;
using Orchestrator.Local.Endpoint.Store;

namespace Orchestrator.Local.Endpoint.Operations;

/// <summary>DescribeStateMachine: the stored definition text, role, type and creation date.</summary>
internal sealed class DescribeStateMachine(StateMachineStore store)
    : WireOperation<StateMachineArnRequest, DescribeStateMachineResponse>(WireJsonContext.Default.StateMachineArnRequest, WireJsonContext.Default.DescribeStateMachineResponse)
{
    public override string Name => "DescribeStateMachine";

    public override ValueTask<Outcome<DescribeStateMachineResponse>> ExecuteAsync(StateMachineArnRequest request, CancellationToken cancellation) =>
        ValueTask.FromResult(Describe(request.StateMachineArn));

    private Outcome<DescribeStateMachineResponse> Describe(string? arn)
    {
        if (arn is null)
        {
            return ServiceError.MissingMember("stateMachineArn");
        }

        if (Arns.Check(arn, "stateMachine") is { } invalid)
        {
            return invalid;
        }

        if (store.Machine(arn) is not { } machine)
        {
            return ServiceError.StateMachineDoesNotExist(arn);
        }

        return Outcome.Success(new DescribeStateMachineResponse
        {
            StateMachineArn = machine.Arn,
            Name = machine.Name,
            Status = "ACTIVE",
            Definition = machine.DefinitionText,
            RoleArn = machine.RoleArn,
            Type = machine.Type,
            CreationDate = machine.CreationDate,
        });
    }
}
