using Microsoft.AspNetCore.Http;

namespace Orchestrator.Local.Endpoint.Protocol;

/// <summary>
/// Sends DynamoDB requests (X-Amz-Target "DynamoDB_20120810.*") that reach this endpoint on to local DynamoDB unchanged, so
/// one --endpoint-url serves both services a run command needs. Body and headers pass as they are: the CRC32 the SDK checks
/// is dynalite's own.
/// </summary>
internal sealed class DynamoDbPassThrough(Uri dynamoDb) : IDisposable
{
    public const string TargetPrefix = "DynamoDB_20120810.";

    private static readonly string[] RequestHeaders = ["X-Amz-Target", "X-Amz-Date", "Authorization", "X-Amz-Security-Token"];
    private static readonly string[] ResponseHeaders = ["x-amzn-RequestId", "x-amz-crc32", "x-amzn-ErrorType"];
    private readonly HttpClient _http = new() { BaseAddress = dynamoDb, Timeout = TimeSpan.FromSeconds(30) };

    public static bool Handles(HttpRequest request) =>
        request.Headers["X-Amz-Target"].ToString().StartsWith(TargetPrefix, StringComparison.Ordinal);

    public async Task ForwardAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new ByteArrayContent(body.ToArray()) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", context.Request.ContentType ?? "application/x-amz-json-1.0");
        foreach (var name in RequestHeaders)
        {
            if (context.Request.Headers.TryGetValue(name, out var value))
            {
                request.Headers.TryAddWithoutValidation(name, value.ToString());
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !context.RequestAborted.IsCancellationRequested))
        {
            // An error in DynamoDB's own JSON shape, so the SDK or CLI prints what is wrong instead of an empty 500.
            await WriteUnreachableAsync(context, ex).ConfigureAwait(false);
            return;
        }

        using var _ = response;
        var bytes = await response.Content.ReadAsByteArrayAsync(context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = (int)response.StatusCode;
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString() ?? "application/x-amz-json-1.0";
        foreach (var name in ResponseHeaders)
        {
            if (response.Headers.TryGetValues(name, out var values))
            {
                context.Response.Headers[name] = values.First();
            }
        }

        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task WriteUnreachableAsync(HttpContext context, Exception error)
    {
        var reason = error is TaskCanceledException ? $"no answer within {_http.Timeout.TotalSeconds:0} s" : error.Message;
        var body = System.Text.Json.JsonSerializer.Serialize(
            new UnreachableError("ServiceUnavailableException",
                $"The local endpoint passes DynamoDB requests on to {_http.BaseAddress}, which did not answer ({reason}). Is local DynamoDB (dynalite) still running? `orchestrator local up` starts one and prints its address."),
            PassThroughJson.Default.UnreachableError);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "application/x-amz-json-1.0";
        context.Response.Headers["x-amzn-ErrorType"] = "ServiceUnavailableException";
        await context.Response.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>DynamoDB's error body: <c>{"__type":"...","message":"..."}</c>.</summary>
internal sealed record UnreachableError(
    [property: System.Text.Json.Serialization.JsonPropertyName("__type")] string Type,
    [property: System.Text.Json.Serialization.JsonPropertyName("message")] string Message);

[System.Text.Json.Serialization.JsonSerializable(typeof(UnreachableError))]
internal sealed partial class PassThroughJson : System.Text.Json.Serialization.JsonSerializerContext;
