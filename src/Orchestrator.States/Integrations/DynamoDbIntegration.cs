using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.States.Json;

namespace Orchestrator.States.Integrations;

/// <summary>
/// Signs a DynamoDB request before it is sent. A sibling assembly can plug real SigV4 in (no AWS SDK here); the
/// default writes a well-formed placeholder, which local endpoints such as dynalite accept (they only need it present).
/// </summary>
public delegate ValueTask DynamoDbRequestSigner(HttpRequestMessage request, byte[] body, CancellationToken cancellation);

/// <summary>
/// arn:aws:states:::dynamodb:putItem|updateItem|getItem|deleteItem against a configured endpoint. The Parameters are the
/// DynamoDB JSON 1.0 request; the output is the API response (getItem: {"Item":...}); errors are
/// DynamoDB.&lt;ExceptionName&gt; (uppercase DB, as for optimized integrations) with an AWS-like cause.
/// </summary>
public sealed class DynamoDbTaskHandler(HttpClient http, Uri endpoint, DynamoDbRequestSigner? signer = null, string region = "us-east-1") : ITaskHandler
{
    public static readonly IReadOnlyList<string> Operations = ["putItem", "updateItem", "getItem", "deleteItem"];

    private readonly DynamoDbRequestSigner _signer = signer ?? PlaceholderSignature(region);

    /// <summary>Registers this handler for the four optimized DynamoDB resources.</summary>
    public static TaskHandlerRegistry Register(TaskHandlerRegistry registry, DynamoDbTaskHandler handler)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var operation in Operations)
        {
            registry.Register("arn:aws:states:::dynamodb:" + operation, handler);
        }

        return registry;
    }

    public async ValueTask<TaskOutcome> InvokeAsync(TaskInvocation invocation, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var operation = invocation.Resource[(invocation.Resource.LastIndexOf(':') + 1)..];
        if (!Operations.Contains(operation))
        {
            return TaskOutcome.Failure("States.Runtime", $"Task state '{invocation.StateName}': '{invocation.Resource}' is not an optimized DynamoDB integration (use putItem, updateItem, getItem or deleteItem).");
        }

        var target = "DynamoDB_20120810." + char.ToUpperInvariant(operation[0]) + operation[1..];
        var body = Encoding.UTF8.GetBytes(JsonValues.ToJson(invocation.Parameters ?? new JsonObject()));
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        await _signer(request, body, cancellation);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellation);
        }
        catch (HttpRequestException ex)
        {
            return TaskOutcome.Failure("DynamoDB.AmazonDynamoDBException", $"Unable to reach DynamoDB at {endpoint}: {ex.Message}");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellation);
            JsonNode? payload = null;
            try
            {
                payload = text.Length == 0 ? new JsonObject() : JsonValues.Parse(text);
            }
            catch (JsonException)
            {
                // A non-JSON body (proxy error page) is reported through the status code below.
            }

            if (response.IsSuccessStatusCode && payload is not null)
            {
                return TaskOutcome.Success(payload);
            }

            var type = payload?["__type"]?.ToString() ?? "AmazonDynamoDBException";
            var exception = type[(type.LastIndexOf('#') + 1)..];
            var message = payload?["message"]?.ToString() ?? payload?["Message"]?.ToString() ?? text;
            var requestId = response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : Guid.NewGuid().ToString();
            return TaskOutcome.Failure("DynamoDB." + exception,
                $"{message} (Service: AmazonDynamoDBv2; Status Code: {(int)response.StatusCode}; Error Code: {exception}; Request ID: {requestId}; Proxy: null)");
        }
    }

    private static DynamoDbRequestSigner PlaceholderSignature(string region) => (request, _, _) =>
    {
        var now = DateTimeOffset.UtcNow;
        var date = now.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential=LOCAL/{date}/{region}/dynamodb/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature={new string('0', 64)}");
        return ValueTask.CompletedTask;
    };
}
