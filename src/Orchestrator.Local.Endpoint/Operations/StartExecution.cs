using System.Text.Json;
using Orchestrator.Local.Endpoint.Protocol;
using Orchestrator.Local.Endpoint.Store;
using Orchestrator.States.Execution;
using Orchestrator.States.Json;
using EngineStartRequest = Orchestrator.States.Execution.StartExecutionRequest;

namespace Orchestrator.Local.Endpoint.Operations;

/// <summary>
/// StartExecution. "If you call StartExecution with the same name and input as a running execution, the call succeeds and
/// return the same response as the original request. If the execution is closed or if the input is different, it returns a
/// 400 ExecutionAlreadyExists error." (STANDARD only; EXPRESS is not idempotent.)
/// </summary>
internal sealed class StartExecution(StateMachineStore store)
    : WireOperation<Protocol.StartExecutionRequest, StartExecutionResponse>(WireJsonContext.Default.StartExecutionRequest, WireJsonContext.Default.StartExecutionResponse)
{
    private const int MaxInputBytes = 262_144;

    public override string Name => "StartExecution";

    public override ValueTask<Outcome<StartExecutionResponse>> ExecuteAsync(Protocol.StartExecutionRequest request, CancellationToken cancellation) =>
        ValueTask.FromResult(Start(request));

    private Outcome<StartExecutionResponse> Start(Protocol.StartExecutionRequest request)
    {
        if (request.StateMachineArn is not { } machineArn)
        {
            return ServiceError.MissingMember("stateMachineArn");
        }

        if (Arns.Check(machineArn, "stateMachine") is { } invalidArn)
        {
            return invalidArn;
        }

        var name = request.Name ?? Guid.NewGuid().ToString();
        if (ExecutionNames.Problem(name) is not null)
        {
            return ServiceError.InvalidName(name);
        }

        // "If you don't include any JSON input data, you still must include the two braces": absent input is "{}".
        var inputText = request.Input ?? "{}";
        if (System.Text.Encoding.UTF8.GetByteCount(inputText) > MaxInputBytes)
        {
            return ServiceError.Validation($"1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to {MaxInputBytes}");
        }

        System.Text.Json.Nodes.JsonNode? input;
        try
        {
            input = JsonValues.Parse(inputText);
        }
        catch (JsonException ex)
        {
            return ServiceError.InvalidExecutionInput(ex.Message);
        }

        if (store.Machine(machineArn) is not { } machine)
        {
            return ServiceError.StateMachineDoesNotExist(machineArn);
        }

        var executionArn = store.Arns.Execution(machine.Name, name);
        lock (store.NameLock(executionArn))
        {
            if (store.Execution(executionArn) is { } existing)
            {
                return machine.IsExpress || existing.Execution.Result is not null || existing.InputText != inputText
                    ? ServiceError.ExecutionAlreadyExists(executionArn)
                    : Outcome.Success(new StartExecutionResponse { ExecutionArn = executionArn, StartDate = existing.Execution.StartDate });
            }

            var execution = store.Engine.Start(machine.Definition, new EngineStartRequest
            {
                Name = name,
                Input = input,
                StateMachineName = machine.Name,
                RoleArn = machine.RoleArn,
            });
            store.Add(execution, machine, inputText, request.TraceHeader);
            return Outcome.Success(new StartExecutionResponse { ExecutionArn = execution.ExecutionArn, StartDate = execution.StartDate });
        }
    }
}
