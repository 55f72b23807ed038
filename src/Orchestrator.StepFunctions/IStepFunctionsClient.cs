namespace Orchestrator.StepFunctions;

/// <summary>
/// The Step Functions operations Orchestrator uses, on the JSON 1.0 protocol (AWSStepFunctions.*).
/// The one seam between our code and Step Functions: the real client signs with SigV4 and can point at
/// a local endpoint; tests may substitute a peer that speaks the same protocol over HTTP.
/// Every method throws a <see cref="StepFunctionsException"/> subclass for an error Step Functions answered.
/// </summary>
public interface IStepFunctionsClient
{
    Task<StartExecutionResponse> StartExecutionAsync(StartExecutionRequest request, CancellationToken cancellationToken = default);

    Task<DescribeExecutionResponse> DescribeExecutionAsync(DescribeExecutionRequest request, CancellationToken cancellationToken = default);

    Task<ListExecutionsResponse> ListExecutionsAsync(ListExecutionsRequest request, CancellationToken cancellationToken = default);

    Task<GetExecutionHistoryResponse> GetExecutionHistoryAsync(GetExecutionHistoryRequest request, CancellationToken cancellationToken = default);

    Task<StopExecutionResponse> StopExecutionAsync(StopExecutionRequest request, CancellationToken cancellationToken = default);

    Task<RedriveExecutionResponse> RedriveExecutionAsync(RedriveExecutionRequest request, CancellationToken cancellationToken = default);
}
