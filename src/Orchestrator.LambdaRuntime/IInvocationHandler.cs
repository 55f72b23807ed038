namespace Orchestrator.LambdaRuntime;

/// <summary>One Lambda invocation as the Runtime API hands it over.</summary>
public sealed record Invocation
{
    public required string RequestId { get; init; }

    public required ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>From Lambda-Runtime-Deadline-Ms.</summary>
    public required DateTimeOffset Deadline { get; init; }

    public string? TraceId { get; init; }

    public string? InvokedFunctionArn { get; init; }
}

/// <summary>
/// Function code: maps one event to one response. Throwing <see cref="FunctionErrorException"/> reports a function
/// error with its type and message (never a stack trace); any other exception is reported as an unhandled error.
/// </summary>
public interface IInvocationHandler
{
    Task<ReadOnlyMemory<byte>> HandleAsync(Invocation invocation, CancellationToken cancellationToken);
}

/// <summary>A function error with an explicit Lambda errorType (e.g. "InvalidEvent").</summary>
public sealed class FunctionErrorException(string errorType, string message) : Exception(message)
{
    public string ErrorType { get; } = errorType;
}
