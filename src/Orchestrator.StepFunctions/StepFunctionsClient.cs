using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Amazon;
using Amazon.Runtime.Signing;

namespace Orchestrator.StepFunctions;

/// <summary>
/// Step Functions over the JSON 1.0 protocol: POST / with X-Amz-Target: AWSStepFunctions.{Operation},
/// signed with SigV4 (service "states") by AWSSDK.Core's <see cref="SigV4SigningHandler"/>.
/// Throttling, 5xx and transport failures are retried with <see cref="RetryBackoff"/>; each attempt is signed afresh.
/// </summary>
public sealed class StepFunctionsClient : IStepFunctionsClient, IDisposable
{
    private const string SigningService = "states";
    private const string TargetPrefix = "AWSStepFunctions.";
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/x-amz-json-1.0");

    private readonly Uri _endpoint;
    private readonly TimeSpan _attemptTimeout;
    private readonly HttpClient _http;
    private readonly RetryBackoff _backoff;
    private readonly TimeProvider _time;

    public StepFunctionsClient(StepFunctionsClientOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Region);
        _endpoint = options.Endpoint;
        _attemptTimeout = options.AttemptTimeout;
        _backoff = new RetryBackoff(options.Retry);
        _time = timeProvider ?? TimeProvider.System;

        // Redirects must not be followed below the signer (a followed hop would carry a stale signature).
        var transport = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        var signer = new SigV4SigningHandler(
            new DeferredCredentials(options.ResolveCredentials),
            RegionEndpoint.GetBySystemName(options.Region),
            SigningService,
            transport);

        // The retry loop sits above the signer, so every attempt gets a fresh X-Amz-Date and signature.
        _http = new HttpClient(signer) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public Task<StartExecutionResponse> StartExecutionAsync(StartExecutionRequest request, CancellationToken cancellationToken = default) =>
        SendAsync("StartExecution", request, StepFunctionsJsonContext.Default.StartExecutionRequest, StepFunctionsJsonContext.Default.StartExecutionResponse, cancellationToken);

    public Task<DescribeExecutionResponse> DescribeExecutionAsync(DescribeExecutionRequest request, CancellationToken cancellationToken = default) =>
        SendAsync("DescribeExecution", request, StepFunctionsJsonContext.Default.DescribeExecutionRequest, StepFunctionsJsonContext.Default.DescribeExecutionResponse, cancellationToken);

    public Task<ListExecutionsResponse> ListExecutionsAsync(ListExecutionsRequest request, CancellationToken cancellationToken = default) =>
        SendAsync("ListExecutions", request, StepFunctionsJsonContext.Default.ListExecutionsRequest, StepFunctionsJsonContext.Default.ListExecutionsResponse, cancellationToken);

    public Task<GetExecutionHistoryResponse> GetExecutionHistoryAsync(GetExecutionHistoryRequest request, CancellationToken cancellationToken = default) =>
        SendAsync("GetExecutionHistory", request, StepFunctionsJsonContext.Default.GetExecutionHistoryRequest, StepFunctionsJsonContext.Default.GetExecutionHistoryResponse, cancellationToken);

    public Task<StopExecutionResponse> StopExecutionAsync(StopExecutionRequest request, CancellationToken cancellationToken = default) =>
        SendAsync("StopExecution", request, StepFunctionsJsonContext.Default.StopExecutionRequest, StepFunctionsJsonContext.Default.StopExecutionResponse, cancellationToken);

    public Task<RedriveExecutionResponse> RedriveExecutionAsync(RedriveExecutionRequest request, CancellationToken cancellationToken = default) =>
        SendAsync("RedriveExecution", request, StepFunctionsJsonContext.Default.RedriveExecutionRequest, StepFunctionsJsonContext.Default.RedriveExecutionResponse, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<TResponse> SendAsync<TRequest, TResponse>(
        string operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
        where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = JsonSerializer.SerializeToUtf8Bytes(request, requestType);

        for (var attempt = 1; ; attempt++)
        {
            var isLastAttempt = attempt >= _backoff.MaxAttempts;
            AttemptResult result;
            try
            {
                result = await SendOnceAsync(operation, body, cancellationToken);
            }
            catch (HttpRequestException) when (!isLastAttempt)
            {
                // No answer (refused, reset). A repeat is safe for what we send: StartExecution carries a name, so a second
                // call for a still-running execution returns it again, and a closed one surfaces as ExecutionAlreadyExists.
                await Task.Delay(_backoff.DelayBefore(attempt + 1, throttled: false), _time, cancellationToken);
                continue;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                if (isLastAttempt)
                {
                    throw new TimeoutException($"Step Functions {operation} did not answer within {_attemptTimeout.TotalSeconds:0.#} s ({attempt} attempts).");
                }

                await Task.Delay(_backoff.DelayBefore(attempt + 1, throttled: false), _time, cancellationToken);
                continue;
            }

            if (result.IsSuccess)
            {
                return Deserialize(operation, result, responseType);
            }

            var (errorCode, message) = StepFunctionsErrors.Read(result.Status, result.ErrorTypeHeader, result.Body);
            if (!isLastAttempt && RetryBackoff.IsRetryable((int)result.Status, errorCode))
            {
                var throttled = StepFunctionsErrors.IsThrottling(errorCode) || (int)result.Status == 429;
                await Task.Delay(_backoff.DelayBefore(attempt + 1, throttled), _time, cancellationToken);
                continue;
            }

            throw StepFunctionsErrors.Create(errorCode, message, (int)result.Status, result.RequestId);
        }
    }

    private async Task<AttemptResult> SendOnceAsync(string operation, byte[] body, CancellationToken cancellationToken)
    {
        using var attemptTimeout = new CancellationTokenSource(_attemptTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attemptTimeout.Token);
        using var message = new HttpRequestMessage(HttpMethod.Post, _endpoint);
        message.Headers.Add("X-Amz-Target", TargetPrefix + operation);

        // ByteArrayContent with an explicit media type: StringContent would append "; charset=utf-8".
        message.Content = new ByteArrayContent(body);
        message.Content.Headers.ContentType = JsonContentType;

        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token);
        var payload = await response.Content.ReadAsByteArrayAsync(linked.Token);
        return new AttemptResult(
            response.StatusCode,
            payload,
            FirstHeader(response, "x-amzn-RequestId"),
            FirstHeader(response, "x-amzn-ErrorType"));
    }

    private static TResponse Deserialize<TResponse>(string operation, AttemptResult result, JsonTypeInfo<TResponse> responseType)
        where TResponse : class
    {
        try
        {
            return JsonSerializer.Deserialize(result.Body, responseType)
                ?? throw new JsonException("the body is JSON null");
        }
        catch (JsonException ex)
        {
            throw new StepFunctionsException("UnreadableResponse", $"{operation} answered {(int)result.Status} with a body that is not its response shape: {ex.Message}", (int)result.Status)
            {
                RequestId = result.RequestId,
            };
        }
    }

    private static string? FirstHeader(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private readonly record struct AttemptResult(System.Net.HttpStatusCode Status, byte[] Body, string? RequestId, string? ErrorTypeHeader)
    {
        public bool IsSuccess => (int)Status is >= 200 and < 300;
    }
}
