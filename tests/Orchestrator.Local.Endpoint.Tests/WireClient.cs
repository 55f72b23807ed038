using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Orchestrator.Local.Endpoint.Tests;

/// <summary>A plain HttpClient speaking the JSON 1.0 protocol by hand, for the protocol's edge cases.</summary>
internal sealed class WireClient(Uri endpoint) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = endpoint };

    public sealed record Answer(int Status, string Body, HttpResponseHeaders Headers, string? ContentType)
    {
        public JsonObject Json => JsonNode.Parse(Body)!.AsObject();

        public string? ErrorType => Status == 200 ? null : Json["__type"]?.GetValue<string>();

        public string? Message => Json["message"]?.GetValue<string>();
    }

    public Task<Answer> CallAsync(string operation, string body, string contentType = "application/x-amz-json-1.0") =>
        SendAsync("AWSStepFunctions." + operation, body, contentType);

    public async Task<Answer> SendAsync(string? target, string body, string contentType = "application/x-amz-json-1.0")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (target is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        }

        // Any SigV4 header is accepted unverified; send one so the endpoint sees what SDKs send.
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDLOCALTEST/20261121/us-east-1/states/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=00");
        using var response = await _http.SendAsync(request);
        return new Answer((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers, response.Content.Headers.ContentType?.MediaType);
    }

    public async Task<JsonObject> OkAsync(string operation, JsonObject body)
    {
        var answer = await CallAsync(operation, body.ToJsonString());
        Assert.True(answer.Status == 200, $"{operation} answered {answer.Status}: {answer.Body}");
        return answer.Json;
    }

    public void Dispose() => _http.Dispose();
}
