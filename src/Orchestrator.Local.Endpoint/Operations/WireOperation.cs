using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Orchestrator.Local.Endpoint.Protocol;

namespace Orchestrator.Local.Endpoint.Operations;

/// <summary>One HTTP answer: 200 with a JSON body, or 400/500 with an AWS error body.</summary>
internal sealed record Reply(int StatusCode, byte[] Body, string? ErrorCode)
{
    public static Reply Error(ServiceError error)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new ErrorBody { Type = error.WireType, Message = error.Message }, WireJsonContext.Default.ErrorBody);
        var status = error.Code == "InternalFailure" ? 500 : 400;
        return new Reply(status, body, error.Code);
    }
}

/// <summary>An operation as the HTTP dispatcher sees it: a name (the X-Amz-Target suffix) and body in, reply out.</summary>
internal interface IWireOperation
{
    string Name { get; }

    ValueTask<Reply> InvokeAsync(ReadOnlyMemory<byte> body, CancellationToken cancellation);
}

/// <summary>Parses the request body with source-generated JSON, runs the operation, and writes the response or error.</summary>
internal abstract class WireOperation<TRequest, TResponse>(JsonTypeInfo<TRequest> request, JsonTypeInfo<TResponse> response) : IWireOperation
    where TRequest : class
{
    public abstract string Name { get; }

    public async ValueTask<Reply> InvokeAsync(ReadOnlyMemory<byte> body, CancellationToken cancellation)
    {
        TRequest? parsed;
        try
        {
            // An empty body is an empty request: the AWS CLI sends "{}" but other clients may send nothing.
            parsed = body.IsEmpty ? JsonSerializer.Deserialize("{}"u8, request) : JsonSerializer.Deserialize(body.Span, request);
        }
        catch (JsonException ex)
        {
            return Reply.Error(ServiceError.Serialization(SerializationProblem(ex)));
        }

        if (parsed is null)
        {
            return Reply.Error(ServiceError.Serialization("The request body must be a JSON object."));
        }

        var outcome = await ExecuteAsync(parsed, cancellation).ConfigureAwait(false);
        return outcome.Error is { } error
            ? Reply.Error(error)
            : new Reply(200, JsonSerializer.SerializeToUtf8Bytes(outcome.Value!, response), null);
    }

    public abstract ValueTask<Outcome<TResponse>> ExecuteAsync(TRequest request, CancellationToken cancellation);

    // Says where the body went wrong (path and position) without exposing parser internals.
    private static string SerializationProblem(JsonException ex) =>
        ex.Path is { Length: > 0 } path
            ? $"Could not read the request body: unexpected value at '{path}' (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})."
            : $"Could not read the request body as JSON (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}).";
}
