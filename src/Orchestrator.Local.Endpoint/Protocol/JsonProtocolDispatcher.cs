using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using Orchestrator.Local.Endpoint.Operations;

namespace Orchestrator.Local.Endpoint.Protocol;

/// <summary>
/// The AWS JSON 1.0 protocol: POST / with X-Amz-Target "AWSStepFunctions.&lt;Operation&gt;" and a JSON body; 200 with the
/// response, or 400 with {"__type","message"} and x-amzn-ErrorType. The Authorization header is accepted unverified (local).
/// </summary>
internal sealed class JsonProtocolDispatcher(IEnumerable<IWireOperation> operations)
{
    public const string TargetPrefix = "AWSStepFunctions.";
    public const string ContentType = "application/x-amz-json-1.0";

    // AWS caps request bodies well below this; the largest member is a 1 MiB definition.
    private const int MaxBodyBytes = 4 * 1024 * 1024;

    private readonly FrozenDictionary<string, IWireOperation> _operations = operations.ToFrozenDictionary(o => o.Name, StringComparer.Ordinal);

    public async Task HandleAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString();
        Reply reply;
        try
        {
            reply = await ReplyToAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is no one to answer.
            return;
        }
#pragma warning disable CA1031 // A defect in an operation must still reach the client as an AWS error, never as a dropped connection or a stack trace.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            reply = Reply.Error(Protocol.ServiceError.Internal($"The local Step Functions endpoint failed to handle the request ({ex.GetType().Name}: {ex.Message})."));
        }

        var response = context.Response;
        response.StatusCode = reply.StatusCode;
        response.ContentType = ContentType;
        response.Headers["x-amzn-RequestId"] = requestId;
        if (reply.ErrorCode is { } code)
        {
            response.Headers["x-amzn-ErrorType"] = code;
        }

        response.ContentLength = reply.Body.Length;
        await response.Body.WriteAsync(reply.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task<Reply> ReplyToAsync(HttpRequest request, CancellationToken cancellation)
    {
        var target = request.Headers["X-Amz-Target"].ToString();
        if (!HttpMethods.IsPost(request.Method))
        {
            return Reply.Error(ServiceError.UnknownOperation($"{request.Method} {request.Path}"));
        }

        if (!target.StartsWith(TargetPrefix, StringComparison.Ordinal) || !_operations.TryGetValue(target[TargetPrefix.Length..], out var operation))
        {
            return Reply.Error(target.Length == 0
                ? new ServiceError("UnknownOperationException", "Missing the X-Amz-Target header (expected AWSStepFunctions.<Operation>).")
                : ServiceError.UnknownOperation(target));
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return Reply.Error(ServiceError.Validation($"The request body is larger than {MaxBodyBytes} bytes."));
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellation).ConfigureAwait(false);
        if (buffer.Length > MaxBodyBytes)
        {
            return Reply.Error(ServiceError.Validation($"The request body is larger than {MaxBodyBytes} bytes."));
        }

        return await operation.InvokeAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellation).ConfigureAwait(false);
    }
}
