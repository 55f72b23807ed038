namespace Orchestrator.StepFunctions;

/// <summary>An error answered by Step Functions: <see cref="ErrorCode"/> is the protocol's error type without its namespace.</summary>
public class StepFunctionsException : Exception
{
    public StepFunctionsException(string errorCode, string message, int statusCode)
        : base($"{errorCode}: {message}")
    {
        ErrorCode = errorCode;
        StatusCode = statusCode;
    }

    public string ErrorCode { get; }

    public int StatusCode { get; }
}

/// <summary>The name is taken: a closed execution, or a running one with a different input.</summary>
public sealed class ExecutionAlreadyExistsException(string message, int statusCode = 400)
    : StepFunctionsException("ExecutionAlreadyExists", message, statusCode);

public sealed class ExecutionDoesNotExistException(string message, int statusCode = 400)
    : StepFunctionsException("ExecutionDoesNotExist", message, statusCode);
