namespace Orchestrator.StepFunctions;

/// <summary>An error answered by Step Functions: <see cref="ErrorCode"/> is the protocol's error type without its namespace.</summary>
public class StepFunctionsException : Exception
{
    public StepFunctionsException(string errorCode, string message, int statusCode)
        : base($"{errorCode}: {message}")
    {
        ErrorCode = errorCode;
        StatusCode = statusCode;
        ServiceMessage = message;
    }

    public string ErrorCode { get; }

    public int StatusCode { get; }

    /// <summary>The message exactly as Step Functions sent it (without the error code prefix of <see cref="Exception.Message"/>).</summary>
    public string ServiceMessage { get; }

    /// <summary>x-amzn-RequestId of the failed call, for AWS support; null from peers that do not send one.</summary>
    public string? RequestId { get; internal set; }
}

/// <summary>The name is taken: a closed execution, or a running one with a different input.</summary>
public sealed class ExecutionAlreadyExistsException(string message, int statusCode = 400)
    : StepFunctionsException("ExecutionAlreadyExists", message, statusCode);

public sealed class ExecutionDoesNotExistException(string message, int statusCode = 400)
    : StepFunctionsException("ExecutionDoesNotExist", message, statusCode);

/// <summary>Redrive refused: the execution succeeded, is older than 14 days, or has too many history events.</summary>
public sealed class ExecutionNotRedrivableException(string message, int statusCode = 400)
    : StepFunctionsException("ExecutionNotRedrivable", message, statusCode);

/// <summary>The account's open-execution quota is reached; a later retry may succeed.</summary>
public sealed class ExecutionLimitExceededException(string message, int statusCode = 400)
    : StepFunctionsException("ExecutionLimitExceeded", message, statusCode);

public sealed class StateMachineDoesNotExistException(string message, int statusCode = 400)
    : StepFunctionsException("StateMachineDoesNotExist", message, statusCode);

public sealed class StateMachineDeletingException(string message, int statusCode = 400)
    : StepFunctionsException("StateMachineDeleting", message, statusCode);

/// <summary>An execution name breaks the rules: 1–80 characters, no whitespace, brackets, wildcards or <c>" # % \ ^ | ~ ` $ &amp; , ; : /</c>.</summary>
public sealed class InvalidNameException(string message, int statusCode = 400)
    : StepFunctionsException("InvalidName", message, statusCode);

public sealed class InvalidArnException(string message, int statusCode = 400)
    : StepFunctionsException("InvalidArn", message, statusCode);

/// <summary>The execution input is not valid JSON or is too large.</summary>
public sealed class InvalidExecutionInputException(string message, int statusCode = 400)
    : StepFunctionsException("InvalidExecutionInput", message, statusCode);

/// <summary>A nextToken that is malformed or older than 24 hours.</summary>
public sealed class InvalidTokenException(string message, int statusCode = 400)
    : StepFunctionsException("InvalidToken", message, statusCode);

public sealed class ValidationException(string message, int statusCode = 400)
    : StepFunctionsException("ValidationException", message, statusCode);

/// <summary>Throttled by Step Functions (or by KMS on its behalf); thrown only after the client's retries are spent.</summary>
public sealed class ThrottlingException(string errorCode, string message, int statusCode = 400)
    : StepFunctionsException(errorCode, message, statusCode);
