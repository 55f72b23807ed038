namespace Orchestrator.StepFunctions;

/// <summary>
/// The Step Functions operations Orchestrator uses, on the JSON 1.0 protocol (AWSStepFunctions.*).
/// The one seam between our code and Step Functions: the real client signs with SigV4 and can point at
/// a local endpoint; tests may substitute a peer that speaks the same protocol over HTTP.
/// </summary>
public interface IStepFunctionsClient
{
    Task<StartExecutionResponse> StartExecutionAsync(StartExecutionRequest request, CancellationToken cancellationToken = default);
}
