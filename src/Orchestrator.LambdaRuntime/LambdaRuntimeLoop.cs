using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.LambdaRuntime;

/// <summary>
/// The Lambda Runtime API client and event loop (API version 2018-06-01) for the provided.al2023 custom runtime:
/// GET next → handler → POST response | error; init failures go to /runtime/init/error.
/// The only class that speaks the Runtime API: moving to Amazon.Lambda.RuntimeSupport replaces this class alone.
/// </summary>
public sealed partial class LambdaRuntimeLoop : IDisposable
{
    /// <summary>Process exit codes. Any non-zero exit makes Lambda discard the execution environment.</summary>
    public static class ExitCodes
    {
        /// <summary>The caller's token ended the loop (local mode, tests).</summary>
        public const int Stopped = 0;

        /// <summary>The handler could not be built; reported to /runtime/init/error.</summary>
        public const int InitFailed = 1;

        /// <summary>The Runtime API is missing, unreachable, or answered "Container error" (500): the docs say exit promptly.</summary>
        public const int RuntimeApiFailed = 2;
    }

    private const string ApiVersion = "2018-06-01";
    private const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";

    // Custom runtimes must set the X-Ray header themselves: provided.al2023 does not (configuration-envvars docs).
    private const string TraceIdVariable = "_X_AMZN_TRACE_ID";
    private const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";

    // Header error types for failures that are not a FunctionErrorException; the body carries the exception type name.
    private const string UnhandledErrorType = "Runtime.UnhandledException";
    private const string InitErrorType = "Runtime.InitError";

    private static readonly MediaTypeHeaderValue ErrorContentType = new("application/vnd.aws.lambda.error+json");

    private readonly HttpClient _http;
    private readonly LambdaRuntimeOptions _options;

    private LambdaRuntimeLoop(string runtimeApi, LambdaRuntimeOptions options)
    {
        _options = options;

        // No proxy: the Runtime API is a local endpoint. No timeout: GET next may wait while the sandbox is frozen.
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri($"http://{runtimeApi}/{ApiVersion}/"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>
    /// Runs the loop until the Runtime API fails or <paramref name="cancellationToken"/> fires; returns the process exit code.
    /// <paramref name="createHandler"/> is the function's init phase: if it throws, the error is reported and the loop exits.
    /// </summary>
    public static async Task<int> RunAsync(
        Func<IInvocationHandler> createHandler,
        LambdaRuntimeOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(createHandler);
        options ??= new LambdaRuntimeOptions();

        var runtimeApi = options.Environment.Get(RuntimeApiVariable);
        if (string.IsNullOrWhiteSpace(runtimeApi))
        {
            await options.Log.WriteLineAsync($"{RuntimeApiVariable} is not set: this process must be started by Lambda (or a local Runtime API).");
            return ExitCodes.RuntimeApiFailed;
        }

        using var loop = new LambdaRuntimeLoop(runtimeApi, options);
        return await loop.RunAsync(createHandler, cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private async Task<int> RunAsync(Func<IInvocationHandler> createHandler, CancellationToken cancellationToken)
    {
        IInvocationHandler handler;
        try
        {
            handler = createHandler();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await LogFailureAsync("init", ex);
            await ReportAsync("runtime/init/error", InitErrorType, ex, CancellationToken.None);
            return ExitCodes.InitFailed;
        }

        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var outcome = await InvokeNextAsync(handler, cancellationToken);
                if (outcome is not null)
                {
                    return outcome.Value;
                }
            }

            return ExitCodes.Stopped;
        }
        finally
        {
            await DisposeHandlerAsync(handler);
        }
    }

    /// <summary>One turn of the loop; returns an exit code when the loop must end, null to continue.</summary>
    private async Task<int?> InvokeNextAsync(IInvocationHandler handler, CancellationToken cancellationToken)
    {
        Invocation invocation;
        try
        {
            using var next = await _http.GetAsync("runtime/invocation/next", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (next.StatusCode != HttpStatusCode.OK)
            {
                await _options.Log.WriteLineAsync($"Runtime API answered {(int)next.StatusCode} to GET next: exiting.");
                return ExitCodes.RuntimeApiFailed;
            }

            var payload = await next.Content.ReadAsByteArrayAsync(cancellationToken);
            var parsed = ReadInvocation(next.Headers, payload);
            if (parsed is null)
            {
                await _options.Log.WriteLineAsync("Runtime API sent an event without Lambda-Runtime-Aws-Request-Id: exiting.");
                return ExitCodes.RuntimeApiFailed;
            }

            invocation = parsed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Stopped;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            await _options.Log.WriteLineAsync($"Runtime API unreachable on GET next ({ex.Message}): exiting.");
            return ExitCodes.RuntimeApiFailed;
        }

        _options.Environment.Set(TraceIdVariable, invocation.TraceId);
        var requestPath = $"runtime/invocation/{Uri.EscapeDataString(invocation.RequestId)}";
        using var deadline = DeadlineToken(invocation.Deadline, cancellationToken);

        ReadOnlyMemory<byte> response;
        try
        {
            response = await handler.HandleAsync(invocation, deadline.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await LogFailureAsync(invocation.RequestId, ex);
            return await ReportAsync(requestPath + "/error", UnhandledErrorType, ex, cancellationToken);
        }

        return await PostAsync(requestPath + "/response", new ReadOnlyMemoryContent(response), errorType: null, cancellationToken);
    }

    private static Invocation? ReadInvocation(HttpResponseHeaders headers, byte[] payload)
    {
        var requestId = Header(headers, "Lambda-Runtime-Aws-Request-Id");
        if (string.IsNullOrEmpty(requestId))
        {
            return null;
        }

        // Unix milliseconds; an absent or unreadable deadline means "no deadline" rather than a failed invocation.
        var deadline = long.TryParse(Header(headers, "Lambda-Runtime-Deadline-Ms"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.MaxValue;

        return new Invocation
        {
            RequestId = requestId,
            Payload = payload,
            Deadline = deadline,
            TraceId = Header(headers, "Lambda-Runtime-Trace-Id"),
            InvokedFunctionArn = Header(headers, "Lambda-Runtime-Invoked-Function-Arn"),
        };
    }

    /// <summary>A token that fires at the invocation's deadline (by the injected clock) or when the loop is stopped.</summary>
    private InvocationDeadline DeadlineToken(DateTimeOffset deadline, CancellationToken loopToken)
    {
        if (deadline == DateTimeOffset.MaxValue)
        {
            return new InvocationDeadline(null, CancellationTokenSource.CreateLinkedTokenSource(loopToken));
        }

        // CancellationTokenSource accepts at most uint.MaxValue - 1 ms; a deadline already passed cancels at once.
        var remaining = deadline - _options.Time.GetUtcNow();
        var due = remaining <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Min(remaining.TotalMilliseconds, uint.MaxValue - 1d));
        var timer = new CancellationTokenSource(due, _options.Time);
        return new InvocationDeadline(timer, CancellationTokenSource.CreateLinkedTokenSource(loopToken, timer.Token));
    }

    /// <summary>Posts an error document; FunctionErrorException keeps its own type, anything else is "unhandled".</summary>
    private async Task<int?> ReportAsync(string path, string fallbackErrorType, Exception error, CancellationToken cancellationToken)
    {
        var (errorType, body) = error is FunctionErrorException functionError
            ? (functionError.ErrorType, new ErrorDocument(functionError.Message, functionError.ErrorType, []))
            : (fallbackErrorType, new ErrorDocument(error.Message, error.GetType().Name, []));

        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, ErrorJsonContext.Default.ErrorDocument));
        content.Headers.ContentType = ErrorContentType;
        return await PostAsync(path, content, errorType, cancellationToken);
    }

    /// <summary>Posts a result; a 5xx or an unreachable API ends the loop, a 4xx (e.g. 413 too large) loses only this invocation.</summary>
    private async Task<int?> PostAsync(string path, HttpContent content, string? errorType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (errorType is not null)
        {
            // A line break in a header value would fail the whole POST; the type is a short label, so flatten it.
            request.Headers.TryAddWithoutValidation(ErrorTypeHeader, errorType.ReplaceLineEndings(" "));
        }

        try
        {
            using var answer = await _http.SendAsync(request, cancellationToken);
            if (answer.IsSuccessStatusCode)
            {
                return null;
            }

            await _options.Log.WriteLineAsync($"Runtime API answered {(int)answer.StatusCode} to POST {path}.");
            return (int)answer.StatusCode >= 500 ? ExitCodes.RuntimeApiFailed : null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Stopped;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            await _options.Log.WriteLineAsync($"Runtime API unreachable on POST {path} ({ex.Message}): exiting.");
            return ExitCodes.RuntimeApiFailed;
        }
    }

    /// <summary>Function errors are expected outcomes (log type and message); anything else is a bug (log the stack for operators).</summary>
    private Task LogFailureAsync(string context, Exception error) => error is FunctionErrorException functionError
        ? _options.Log.WriteLineAsync($"[{context}] {functionError.ErrorType}: {functionError.Message}")
        : _options.Log.WriteLineAsync($"[{context}] unhandled {error}");

    private static async ValueTask DisposeHandlerAsync(IInvocationHandler handler)
    {
        switch (handler)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private sealed class InvocationDeadline(CancellationTokenSource? timer, CancellationTokenSource linked) : IDisposable
    {
        public CancellationToken Token => linked.Token;

        public void Dispose()
        {
            linked.Dispose();
            timer?.Dispose();
        }
    }

    /// <summary>Lambda's standard error format. The stack trace is always empty: callers see what failed, not where.</summary>
    private sealed record ErrorDocument(string ErrorMessage, string ErrorType, string[] StackTrace);

    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
    [JsonSerializable(typeof(ErrorDocument))]
    private sealed partial class ErrorJsonContext : JsonSerializerContext;
}
