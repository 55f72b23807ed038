namespace Orchestrator.Local.Endpoint.Protocol;

/// <summary>An AWS error answer (HTTP 400): the code botocore maps to an exception class, and its message.</summary>
public sealed record ServiceError(string Code, string Message)
{
    /// <summary>The body's "__type": the service namespace, '#', the code.</summary>
    public string WireType => "com.amazonaws.states#" + Code;

    // Messages follow AWS's "<Title>: '<subject>'" pattern so scripts matching on them behave the same locally.
    public static ServiceError ExecutionAlreadyExists(string executionArn) => new("ExecutionAlreadyExists", $"Execution Already Exists: '{executionArn}'");

    public static ServiceError ExecutionDoesNotExist(string executionArn) => new("ExecutionDoesNotExist", $"Execution Does Not Exist: '{executionArn}'");

    public static ServiceError ExecutionNotRedrivable(string reason) => new("ExecutionNotRedrivable", reason);

    public static ServiceError StateMachineDoesNotExist(string stateMachineArn) => new("StateMachineDoesNotExist", $"State Machine Does Not Exist: '{stateMachineArn}'");

    public static ServiceError StateMachineAlreadyExists(string stateMachineArn) => new("StateMachineAlreadyExists", $"State Machine Already Exists: '{stateMachineArn}'");

    public static ServiceError InvalidArn(string arn, string why) => new("InvalidArn", $"Invalid Arn: '{why}: {arn}'");

    public static ServiceError InvalidName(string name) => new("InvalidName", $"Invalid Name: '{name}'");

    public static ServiceError InvalidExecutionInput(string why) => new("InvalidExecutionInput", $"Invalid State Machine Execution Input: '{why}'");

    public static ServiceError InvalidDefinition(string why) => new("InvalidDefinition", $"Invalid State Machine Definition: '{why}'");

    public static ServiceError InvalidToken(string token) => new("InvalidToken", $"Invalid Token: '{token}'");

    public static ServiceError Validation(string message) => new("ValidationException", message);

    /// <summary>AWS's wording for a required member that was not sent.</summary>
    public static ServiceError MissingMember(string member) =>
        Validation($"1 validation error detected: Value null at '{member}' failed to satisfy constraint: Member must not be null");

    public static ServiceError Serialization(string message) => new("SerializationException", message);

    public static ServiceError UnknownOperation(string target) => new("UnknownOperationException", $"Unknown operation: '{target}'");

    /// <summary>A defect in this endpoint: still an AWS-shaped 500 the clients understand, never a stack trace.</summary>
    public static ServiceError Internal(string message) => new("InternalFailure", message);
}

/// <summary>What an operation produced: a response value or an AWS error. Errors are values, not exceptions.</summary>
public sealed record Outcome<T>
{
    internal Outcome(T? value, ServiceError? error) => (Value, Error) = (value, error);

    public T? Value { get; }

    public ServiceError? Error { get; }

    public bool IsSuccess => Error is null;

    public static implicit operator Outcome<T>(ServiceError error) => new(default, error);
}

/// <summary>Builds outcomes (static factories live here: a generic type should not have static members).</summary>
public static class Outcome
{
    public static Outcome<T> Success<T>(T value) => new(value, null);

    public static Outcome<T> Failure<T>(ServiceError error) => new(default, error);
}
