using Orchestrator.Local.Endpoint.Protocol;
using Orchestrator.Local.Endpoint.Store;

namespace Orchestrator.Local.Endpoint.Operations;

/// <summary>DescribeExecution: status, dates, input/output (unless METADATA_ONLY), error/cause, redrive count and status.</summary>
internal sealed class DescribeExecution(StateMachineStore store)
    : WireOperation<ExecutionArnRequest, DescribeExecutionResponse>(WireJsonContext.Default.ExecutionArnRequest, WireJsonContext.Default.DescribeExecutionResponse)
{
    public override string Name => "DescribeExecution";

    public override ValueTask<Outcome<DescribeExecutionResponse>> ExecuteAsync(ExecutionArnRequest request, CancellationToken cancellation) =>
        ValueTask.FromResult(Describe(request));

    private Outcome<DescribeExecutionResponse> Describe(ExecutionArnRequest request)
    {
        if (request.ExecutionArn is not { } arn)
        {
            return ServiceError.MissingMember("executionArn");
        }

        if (Arns.Check(arn, "execution") is { } invalid)
        {
            return invalid;
        }

        if (request.IncludedData is not (null or "ALL_DATA" or "METADATA_ONLY"))
        {
            return ServiceError.Validation($"1 validation error detected: Value '{request.IncludedData}' at 'includedData' failed to satisfy constraint: Member must satisfy enum value set: [ALL_DATA, METADATA_ONLY]");
        }

        if (store.Execution(arn) is not { } entry)
        {
            return ServiceError.ExecutionDoesNotExist(arn);
        }

        var data = request.IncludedData != "METADATA_ONLY";
        var view = entry.View();
        return Outcome.Success(new DescribeExecutionResponse
        {
            ExecutionArn = arn,
            StateMachineArn = entry.Machine.Arn,
            Name = entry.Execution.Name,
            Status = view.Status,
            StartDate = entry.Execution.StartDate,
            StopDate = view.StopDate,
            Input = data ? entry.InputText : null,
            InputDetails = data ? new DataDetails() : null,
            Output = data ? view.Output : null,
            OutputDetails = data && view.Output is not null ? new DataDetails() : null,
            TraceHeader = entry.TraceHeader,
            Error = data ? view.Error : null,
            Cause = data ? view.Cause : null,
            RedriveCount = view.RedriveCount,
            RedriveDate = view.RedriveDate,
            RedriveStatus = view.RedriveStatus,
            RedriveStatusReason = view.RedriveStatusReason,
        });
    }
}
