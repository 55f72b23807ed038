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

        using var response = await _http.SendAsync(request, context.RequestAborted).ConfigureAwait(false);
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

    public void Dispose() => _http.Dispose();
}
