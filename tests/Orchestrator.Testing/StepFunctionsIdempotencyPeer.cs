using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Testing;

/// <summary>
/// A loopback HTTP server that speaks the Step Functions JSON 1.0 protocol for StartExecution and DescribeExecution,
/// with AWS's name rules: same name + same input while RUNNING returns the original execution; a closed execution or a
/// different input gives ExecutionAlreadyExists. Counts every execution it really started, so tests can assert
/// "exactly one per slot" from the outside.
/// </summary>
public sealed class StepFunctionsIdempotencyPeer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private readonly ConcurrentDictionary<string, PeerExecution> _executions = new(StringComparer.Ordinal);
    private readonly Lock _startLock = new();
    private int _requests;

    public StepFunctionsIdempotencyPeer()
    {
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port}/");

    /// <summary>Executions created (not idempotent replays), by name.</summary>
    public IReadOnlyDictionary<string, PeerExecution> Executions => _executions;

    public int RequestCount => Volatile.Read(ref _requests);

    /// <summary>Optional hook run before each StartExecution is answered (e.g. to delay or fail some calls).</summary>
    public Func<string, Task>? BeforeStart { get; set; }

    /// <summary>Records an execution as if a client had started it (for tests that need an existing one).</summary>
    public Task StartForTestAsync(string stateMachineArn, string name, string input) =>
        StartAsync(new JsonObject { ["stateMachineArn"] = stateMachineArn, ["name"] = name, ["input"] = input });

    /// <summary>Closes an execution, so a later same-name start gets ExecutionAlreadyExists.</summary>
    public void Close(string name, string status = "SUCCEEDED")
    {
        if (_executions.TryGetValue(name, out var execution))
        {
            execution.Status = status;
        }
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

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        Interlocked.Increment(ref _requests);
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = JsonNode.Parse(await reader.ReadToEndAsync())?.AsObject() ?? [];
            var target = context.Request.Headers["X-Amz-Target"] ?? "";
            var (status, response) = target switch
            {
                "AWSStepFunctions.StartExecution" => await StartAsync(body),
                "AWSStepFunctions.DescribeExecution" => Describe(body),
                _ => (400, Error("UnknownOperationException", $"operation {target} is not served by this peer")),
            };
            await WriteAsync(context, status, response);
        }
        catch (Exception ex) when (ex is JsonException or HttpListenerException or IOException)
        {
            await WriteAsync(context, 400, Error("SerializationException", ex.Message));
        }
    }

    private async Task<(int, JsonObject)> StartAsync(JsonObject body)
    {
        var arn = (string?)body["stateMachineArn"] ?? "";
        var name = (string?)body["name"] ?? Guid.NewGuid().ToString();
        var input = (string?)body["input"] ?? "{}";
        if (BeforeStart is { } hook)
        {
            await hook(name);
        }

        lock (_startLock)
        {
            if (_executions.TryGetValue(name, out var existing))
            {
                if (existing.Status == "RUNNING" && existing.Input == input)
                {
                    return (200, Started(existing));
                }

                return (400, Error("ExecutionAlreadyExists", $"Execution Already Exists: '{existing.Arn}'"));
            }

            var execution = new PeerExecution
            {
                Name = name,
                Arn = arn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":" + name,
                StateMachineArn = arn,
                Input = input,
                StartDate = DateTimeOffset.UtcNow,
            };
            _executions[name] = execution;
            return (200, Started(execution));
        }
    }

    private (int, JsonObject) Describe(JsonObject body)
    {
        var arn = (string?)body["executionArn"] ?? "";
        var execution = _executions.Values.FirstOrDefault(e => e.Arn == arn);
        return execution is null
            ? (400, Error("ExecutionDoesNotExist", $"Execution Does Not Exist: '{arn}'"))
            : (200, new JsonObject
            {
                ["executionArn"] = execution.Arn,
                ["stateMachineArn"] = execution.StateMachineArn,
                ["name"] = execution.Name,
                ["status"] = execution.Status,
                ["input"] = execution.Input,
                ["startDate"] = execution.StartDate.ToUnixTimeMilliseconds() / 1000.0,
            });
    }

    private static JsonObject Started(PeerExecution execution) => new()
    {
        ["executionArn"] = execution.Arn,
        ["startDate"] = execution.StartDate.ToUnixTimeMilliseconds() / 1000.0,
    };

    private static JsonObject Error(string type, string message) => new() { ["__type"] = "com.amazonaws.states#" + type, ["message"] = message };

    private static async Task WriteAsync(HttpListenerContext context, int status, JsonObject body)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/x-amz-json-1.0";
        context.Response.ContentLength64 = bytes.Length;
        try
        {
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (HttpListenerException)
        {
            // Client went away.
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _listener.Close();
        }
        catch (HttpListenerException)
        {
            // Linux's managed HttpListener re-binds the port while removing its prefix; when another test already took
            // the port that fails with "Address already in use". The listener is closed either way.
        }

        await _serving.ConfigureAwait(false);
    }
}

public sealed class PeerExecution
{
    public required string Name { get; init; }

    public required string Arn { get; init; }

    public required string StateMachineArn { get; init; }

    public required string Input { get; init; }

    public required DateTimeOffset StartDate { get; init; }

    public string Status { get; set; } = "RUNNING";

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} {Status}");
}
