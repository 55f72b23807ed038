using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Orchestrator.Testing;

namespace Orchestrator.StepFunctions.Tests;

/// <summary>A request as the peer received it: headers keyed case-insensitively, body as UTF-8 text.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"header {name} was not sent");
}

public sealed record ScriptedResponse(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static ScriptedResponse Ok(string body) => new(200, body);

    /// <summary>Never answered: the connection stays open until the peer is disposed.</summary>
    public static ScriptedResponse Silence { get; } = new(0, "");

    public static ScriptedResponse Error(int status, string type, string message, string? requestId = null) =>
        new(status, $$"""{"__type":"{{type}}","message":"{{message}}"}""",
            requestId is null ? null : new Dictionary<string, string> { ["x-amzn-RequestId"] = requestId });
}

/// <summary>
/// A loopback HTTP peer standing in for Step Functions: records every request and answers from a script
/// (in order; the last answer repeats once the script runs out).
/// </summary>
public sealed class StepFunctionsPeer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly ConcurrentQueue<ScriptedResponse> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly Task _serving;
    private readonly ConcurrentQueue<HttpListenerContext> _unanswered = new();
    private ScriptedResponse _last = ScriptedResponse.Ok("{}");

    public StepFunctionsPeer()
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

    public Uri Url => new($"http://127.0.0.1:{Port}/");

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public StepFunctionsPeer Answer(params ScriptedResponse[] responses)
    {
        foreach (var response in responses)
        {
            _script.Enqueue(response);
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

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (string? name in context.Request.Headers.AllKeys)
            {
                if (name is not null)
                {
                    headers[name] = context.Request.Headers[name] ?? "";
                }
            }

            _requests.Enqueue(new RecordedRequest(context.Request.HttpMethod, context.Request.RawUrl ?? "/", headers, body));
            if (_script.TryDequeue(out var next))
            {
                _last = next;
            }

            var answer = _last;
            if (answer == ScriptedResponse.Silence)
            {
                _unanswered.Enqueue(context);
                continue;
            }

            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = "application/x-amz-json-1.0";
            foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }

            var bytes = Encoding.UTF8.GetBytes(answer.Body);
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _unanswered)
        {
            context.Response.Abort();
        }

        try
        {
            _listener.Close();
        }
        catch (HttpListenerException)
        {
            // Linux's managed HttpListener may re-bind the port while removing its prefix and fail when another test
            // already took it; the listener is closed either way.
        }

        await _serving;
    }
}
