using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Orchestrator.Testing;

namespace Orchestrator.LambdaRuntime.Tests;

/// <summary>An event the fake hands out on GET next; extra headers go out verbatim (unknown ones included).</summary>
public sealed record QueuedEvent(string RequestId, string Payload, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static QueuedEvent For(string requestId, string payload, DateTimeOffset deadline, string? traceId = null) =>
        new(requestId, payload, new Dictionary<string, string>
        {
            ["Lambda-Runtime-Deadline-Ms"] = deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            ["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:eu-west-1:123456789012:function:starter",
            ["Lambda-Runtime-Trace-Id"] = traceId ?? "",
        });
}

/// <summary>A POST the runtime made: which endpoint, the request id in the path, headers and body.</summary>
public sealed record Posted(string Kind, string? RequestId, string Body, string? ContentType, string? ErrorType);

/// <summary>
/// The Lambda Runtime API on loopback: hands out queued events on GET next and records every response, error and
/// init error. When the queue is empty it answers GET next with 500 ("Container error", the runtime must exit),
/// or, with <see cref="HoldWhenDrained"/>, never answers (the sandbox waiting for work).
/// </summary>
public sealed class FakeRuntimeApi : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly ConcurrentQueue<QueuedEvent> _events = new();
    private readonly ConcurrentQueue<Posted> _posts = new();
    private readonly ConcurrentQueue<string> _requestLines = new();
    private readonly ConcurrentQueue<int> _responseStatuses = new();
    private readonly Task _serving;
    private readonly TaskCompletionSource _firstRequest = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FakeRuntimeApi()
    {
        (_listener, Port) = ListenOnFreePort();
        _serving = Task.Run(ServeAsync);
    }

    // Another test process may grab the port between FreePort.Next() and Start(): try a few.
    private static (HttpListener Listener, int Port) ListenOnFreePort()
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return (listener, port);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    public int Port { get; }

    /// <summary>The value for AWS_LAMBDA_RUNTIME_API.</summary>
    public string Address => $"127.0.0.1:{Port}";

    public bool HoldWhenDrained { get; init; }

    /// <summary>Completes when the runtime has made its first call.</summary>
    public Task FirstRequest => _firstRequest.Task;

    public IReadOnlyList<Posted> Posts => [.. _posts];

    /// <summary>"GET /2018-06-01/runtime/invocation/next" etc., in arrival order.</summary>
    public IReadOnlyList<string> RequestLines => [.. _requestLines];

    public FakeRuntimeApi Enqueue(params QueuedEvent[] events)
    {
        foreach (var queued in events)
        {
            _events.Enqueue(queued);
        }

        return this;
    }

    /// <summary>Statuses to answer to the next POST .../response calls (202 once these run out).</summary>
    public FakeRuntimeApi AnswerResponsesWith(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _responseStatuses.Enqueue(status);
        }

        return this;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            // Each request on its own task: a held GET next must not block the listener.
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var path = request.Url!.AbsolutePath;
        _requestLines.Enqueue($"{request.HttpMethod} {path}");
        _firstRequest.TrySetResult();
        using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        const string prefix = "/2018-06-01/runtime/";

        try
        {
            if (request.HttpMethod == "GET" && path == prefix + "invocation/next")
            {
                if (_events.TryDequeue(out var next))
                {
                    context.Response.Headers["Lambda-Runtime-Aws-Request-Id"] = next.RequestId;
                    foreach (var (name, value) in next.Headers ?? new Dictionary<string, string>())
                    {
                        if (value.Length > 0)
                        {
                            context.Response.Headers[name] = value;
                        }
                    }

                    await Reply(context, 200, next.Payload);
                }
                else if (HoldWhenDrained)
                {
                    return; // never answered; Dispose aborts it
                }
                else
                {
                    await Reply(context, 500, """{"errorMessage":"Container error. Non-recoverable state.","errorType":"Runtime.ContainerError"}""");
                }

                return;
            }

            var segments = path[prefix.Length..].Split('/');
            if (request.HttpMethod == "POST" && path == prefix + "init/error")
            {
                _posts.Enqueue(new Posted("init-error", null, body, request.ContentType, request.Headers["Lambda-Runtime-Function-Error-Type"]));
                await Reply(context, 202, """{"status":"OK"}""");
            }
            else if (request.HttpMethod == "POST" && segments is ["invocation", var id, "response"])
            {
                _posts.Enqueue(new Posted("response", Uri.UnescapeDataString(id), body, request.ContentType, null));
                await Reply(context, _responseStatuses.TryDequeue(out var status) ? status : 202, """{"status":"OK"}""");
            }
            else if (request.HttpMethod == "POST" && segments is ["invocation", var failedId, "error"])
            {
                _posts.Enqueue(new Posted("error", Uri.UnescapeDataString(failedId), body, request.ContentType, request.Headers["Lambda-Runtime-Function-Error-Type"]));
                await Reply(context, 202, """{"status":"OK"}""");
            }
            else
            {
                await Reply(context, 404, "{}");
            }
        }
        catch (HttpListenerException)
        {
            // The client went away (loop stopped); nothing to record.
        }
    }

    private static async Task Reply(HttpListenerContext context, int status, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Abort();
        await _serving;
    }
}
