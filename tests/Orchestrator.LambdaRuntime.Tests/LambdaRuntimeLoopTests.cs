using System.Text;
using System.Text.Json.Nodes;

namespace Orchestrator.LambdaRuntime.Tests;

public sealed class LambdaRuntimeLoopTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 3, 0, 0, TimeSpan.Zero);

    private readonly StringWriter _log = new();

    [Fact]
    public async Task An_event_is_handed_to_the_handler_and_its_result_posted_as_the_response()
    {
        await using var api = new FakeRuntimeApi().Enqueue(QueuedEvent.For("req-1", """{"job":"nightly"}""", Now.AddMinutes(1)));
        Invocation? seen = null;

        var exit = await RunAsync(api, () => new DelegateHandler((invocation, _) =>
        {
            seen = invocation;
            return Task.FromResult<ReadOnlyMemory<byte>>("""{"started":true}"""u8.ToArray());
        }));

        Assert.Equal(LambdaRuntimeLoop.ExitCodes.RuntimeApiFailed, exit);
        Assert.NotNull(seen);
        Assert.Equal("req-1", seen.RequestId);
        Assert.Equal("""{"job":"nightly"}""", Encoding.UTF8.GetString(seen.Payload.Span));
        Assert.Equal("arn:aws:lambda:eu-west-1:123456789012:function:starter", seen.InvokedFunctionArn);
        var posted = Assert.Single(api.Posts);
        Assert.Equal(new Posted("response", "req-1", """{"started":true}""", null, null), posted with { ContentType = null });
        Assert.Equal(
            ["GET /2018-06-01/runtime/invocation/next", "POST /2018-06-01/runtime/invocation/req-1/response", "GET /2018-06-01/runtime/invocation/next"],
            api.RequestLines);
    }

    [Fact]
    public async Task Several_invocations_are_served_in_order_by_one_handler_instance()
    {
        await using var api = new FakeRuntimeApi().Enqueue(
            QueuedEvent.For("a", "1", Now.AddMinutes(1)),
            QueuedEvent.For("b", "2", Now.AddMinutes(1)),
            QueuedEvent.For("c", "3", Now.AddMinutes(1)));
        var created = 0;

        await RunAsync(api, () =>
        {
            created++;
            return DelegateHandler.Echo(text => "echo " + text);
        });

        Assert.Equal(1, created);
        Assert.Equal(
            [("a", "echo 1"), ("b", "echo 2"), ("c", "echo 3")],
            api.Posts.Select(p => (p.RequestId, p.Body)));
        Assert.All(api.Posts, p => Assert.Equal("response", p.Kind));
    }

    [Fact]
    public async Task A_function_error_is_posted_with_its_type_in_header_and_body_and_the_loop_goes_on()
    {
        await using var api = new FakeRuntimeApi().Enqueue(
            QueuedEvent.For("bad", "{}", Now.AddMinutes(1)),
            QueuedEvent.For("good", "{}", Now.AddMinutes(1)));

        await RunAsync(api, () => new DelegateHandler((invocation, _) => invocation.RequestId == "bad"
            ? throw new FunctionErrorException("InvalidEvent", "job is missing")
            : Task.FromResult<ReadOnlyMemory<byte>>("ok"u8.ToArray())));

        Assert.Equal(2, api.Posts.Count);
        var error = api.Posts[0];
        Assert.Equal("error", error.Kind);
        Assert.Equal("bad", error.RequestId);
        Assert.Equal("InvalidEvent", error.ErrorType);
        Assert.Equal("application/vnd.aws.lambda.error+json", error.ContentType);
        AssertJson("""{"errorMessage":"job is missing","errorType":"InvalidEvent","stackTrace":[]}""", error.Body);
        Assert.Equal(("response", "good"), (api.Posts[1].Kind, api.Posts[1].RequestId));
    }

    [Fact]
    public async Task A_function_error_type_with_a_line_break_still_reaches_the_runtime_api()
    {
        await using var api = new FakeRuntimeApi().Enqueue(QueuedEvent.For("odd", "{}", Now.AddMinutes(1)));

        await RunAsync(api, () => new DelegateHandler((_, _) => throw new FunctionErrorException("Invalid\nEvent", "two\nlines")));

        var error = Assert.Single(api.Posts);
        Assert.Equal("Invalid Event", error.ErrorType);
        AssertJson("""{"errorMessage":"two\nlines","errorType":"Invalid\nEvent","stackTrace":[]}""", error.Body);
    }

    [Fact]
    public async Task An_unhandled_exception_reports_type_and_message_but_never_the_stack()
    {
        await using var api = new FakeRuntimeApi().Enqueue(QueuedEvent.For("req-1", "{}", Now.AddMinutes(1)));

        await RunAsync(api, () => new DelegateHandler((_, _) => Throw()));

        var error = Assert.Single(api.Posts);
        Assert.Equal("error", error.Kind);
        Assert.Equal("Runtime.UnhandledException", error.ErrorType);
        AssertJson("""{"errorMessage":"the ledger is gone","errorType":"InvalidOperationException","stackTrace":[]}""", error.Body);
        Assert.DoesNotContain(nameof(Throw), error.Body, StringComparison.Ordinal);

        // Operators still get the stack in the function's own log.
        Assert.Contains(nameof(Throw), _log.ToString(), StringComparison.Ordinal);

        static Task<ReadOnlyMemory<byte>> Throw() => throw new InvalidOperationException("the ledger is gone");
    }

    [Fact]
    public async Task A_handler_that_cannot_be_built_is_reported_as_an_init_error_and_the_process_exits_non_zero()
    {
        await using var api = new FakeRuntimeApi().Enqueue(QueuedEvent.For("never", "{}", Now.AddMinutes(1)));

        var exit = await RunAsync(api, () => throw new InvalidOperationException("ORCHESTRATOR_TABLE is not set"));

        Assert.Equal(LambdaRuntimeLoop.ExitCodes.InitFailed, exit);
        var error = Assert.Single(api.Posts);
        Assert.Equal("init-error", error.Kind);
        Assert.Equal("Runtime.InitError", error.ErrorType);
        Assert.Equal("application/vnd.aws.lambda.error+json", error.ContentType);
        AssertJson("""{"errorMessage":"ORCHESTRATOR_TABLE is not set","errorType":"InvalidOperationException","stackTrace":[]}""", error.Body);
        Assert.DoesNotContain(api.RequestLines, line => line.EndsWith("/next", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_init_failure_with_a_function_error_keeps_its_type()
    {
        await using var api = new FakeRuntimeApi();

        var exit = await RunAsync(api, () => throw new FunctionErrorException("Config.Missing", "no table"));

        Assert.Equal(LambdaRuntimeLoop.ExitCodes.InitFailed, exit);
        var error = Assert.Single(api.Posts);
        Assert.Equal("Config.Missing", error.ErrorType);
        AssertJson("""{"errorMessage":"no table","errorType":"Config.Missing","stackTrace":[]}""", error.Body);
    }

    [Fact]
    public async Task The_trace_header_is_put_in_the_environment_for_each_invocation_and_cleared_when_absent()
    {
        await using var api = new FakeRuntimeApi().Enqueue(
            QueuedEvent.For("a", "{}", Now.AddMinutes(1), traceId: "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1"),
            QueuedEvent.For("b", "{}", Now.AddMinutes(1), traceId: null));
        var environment = Environment(api);
        var seen = new List<(string? FromEnvironment, string? FromInvocation)>();

        await LambdaRuntimeLoop.RunAsync(
            () => new DelegateHandler((invocation, _) =>
            {
                seen.Add((environment.Get("_X_AMZN_TRACE_ID"), invocation.TraceId));
                return Task.FromResult<ReadOnlyMemory<byte>>("{}"u8.ToArray());
            }),
            Options(environment));

        Assert.Equal(
            [("Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1", "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1"), (null, null)],
            seen);
    }

    [Fact]
    public async Task The_deadline_header_becomes_the_invocation_deadline_and_cancels_the_token_when_reached()
    {
        var deadline = Now.AddSeconds(30);
        await using var api = new FakeRuntimeApi().Enqueue(QueuedEvent.For("slow", "{}", deadline));
        var clock = new ManualTimeProvider(Now);
        var handlerWaiting = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        DateTimeOffset? seenDeadline = null;

        var loop = LambdaRuntimeLoop.RunAsync(
            () => new DelegateHandler(async (invocation, token) =>
            {
                seenDeadline = invocation.Deadline;
                handlerWaiting.SetResult(token);
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
                return ReadOnlyMemory<byte>.Empty;
            }),
            Options(Environment(api)) with { Time = clock });

        var token = await handlerWaiting.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(deadline, seenDeadline);
        clock.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromMilliseconds(1));
        Assert.False(token.IsCancellationRequested);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(token.IsCancellationRequested);

        await loop.WaitAsync(TimeSpan.FromSeconds(10));
        var error = Assert.Single(api.Posts);
        Assert.Equal(("error", "slow"), (error.Kind, error.RequestId));
        Assert.Contains("Canceled", JsonNode.Parse(error.Body)!["errorType"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deadline_already_past_hands_over_a_cancelled_token()
    {
        await using var api = new FakeRuntimeApi().Enqueue(QueuedEvent.For("late", "{}", Now.AddSeconds(-1)));
        bool? cancelled = null;

        await LambdaRuntimeLoop.RunAsync(
            () => new DelegateHandler((_, token) =>
            {
                cancelled = token.IsCancellationRequested;
                return Task.FromResult<ReadOnlyMemory<byte>>("{}"u8.ToArray());
            }),
            Options(Environment(api)) with { Time = new ManualTimeProvider(Now) });

        Assert.True(cancelled);
    }

    [Fact]
    public async Task Unknown_and_optional_headers_are_tolerated()
    {
        await using var api = new FakeRuntimeApi().Enqueue(new QueuedEvent("req-x", "{}", new Dictionary<string, string>
        {
            ["Lambda-Runtime-Deadline-Ms"] = Now.AddMinutes(1).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Lambda-Runtime-Client-Context"] = """{"client":{}}""",
            ["Lambda-Runtime-Cognito-Identity"] = """{"cognitoIdentityId":"x"}""",
            ["Lambda-Runtime-Aws-Tenant-Id"] = "tenant-7",
            ["Lambda-Runtime-Invocation-Id"] = "5c6b0f1e",
            ["X-Something-Lambda-Adds-Next-Year"] = "whatever",
        }));

        await RunAsync(api, () => DelegateHandler.Echo(_ => "fine"));

        Assert.Equal(new Posted("response", "req-x", "fine", null, null), Assert.Single(api.Posts) with { ContentType = null });
    }

    [Fact]
    public async Task A_missing_deadline_header_means_no_deadline()
    {
        await using var api = new FakeRuntimeApi().Enqueue(new QueuedEvent("req-x", "{}"));
        Invocation? seen = null;

        await RunAsync(api, () => new DelegateHandler((invocation, _) =>
        {
            seen = invocation;
            return Task.FromResult<ReadOnlyMemory<byte>>("{}"u8.ToArray());
        }));

        Assert.Equal(DateTimeOffset.MaxValue, seen!.Deadline);
        Assert.Null(seen.TraceId);
        Assert.Null(seen.InvokedFunctionArn);
    }

    [Fact]
    public async Task A_500_on_next_ends_the_loop_at_once_without_calling_the_handler()
    {
        await using var api = new FakeRuntimeApi();
        var called = false;

        var exit = await RunAsync(api, () => new DelegateHandler((_, _) =>
        {
            called = true;
            return Task.FromResult<ReadOnlyMemory<byte>>("{}"u8.ToArray());
        })).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(LambdaRuntimeLoop.ExitCodes.RuntimeApiFailed, exit);
        Assert.False(called);
        Assert.Equal(["GET /2018-06-01/runtime/invocation/next"], api.RequestLines);
        Assert.Contains("500", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_runtime_api_ends_the_loop()
    {
        var closedPort = Orchestrator.Testing.FreePort.Next();
        var environment = new DictionaryEnvironment(new() { ["AWS_LAMBDA_RUNTIME_API"] = $"127.0.0.1:{closedPort}" });

        var exit = await LambdaRuntimeLoop.RunAsync(() => DelegateHandler.Echo(t => t), Options(environment)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(LambdaRuntimeLoop.ExitCodes.RuntimeApiFailed, exit);
        Assert.Contains("unreachable", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_response_loses_only_that_invocation()
    {
        await using var api = new FakeRuntimeApi()
            .Enqueue(QueuedEvent.For("huge", "{}", Now.AddMinutes(1)), QueuedEvent.For("next", "{}", Now.AddMinutes(1)))
            .AnswerResponsesWith(413);

        await RunAsync(api, () => DelegateHandler.Echo(_ => "{}"));

        Assert.Equal(["huge", "next"], api.Posts.Select(p => p.RequestId));
        Assert.Contains("413", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_runtime_api_address_is_read_once_from_the_injected_environment()
    {
        await using var api = new FakeRuntimeApi().Enqueue(
            QueuedEvent.For("a", "{}", Now.AddMinutes(1)),
            QueuedEvent.For("b", "{}", Now.AddMinutes(1)));
        var environment = Environment(api);

        await LambdaRuntimeLoop.RunAsync(() => DelegateHandler.Echo(t => t), Options(environment));

        Assert.Equal(1, environment.ReadsOf("AWS_LAMBDA_RUNTIME_API"));
    }

    [Fact]
    public async Task Without_a_runtime_api_address_the_loop_refuses_to_start()
    {
        var built = false;

        var exit = await LambdaRuntimeLoop.RunAsync(
            () =>
            {
                built = true;
                return DelegateHandler.Echo(t => t);
            },
            new LambdaRuntimeOptions { Environment = new DictionaryEnvironment([]), Log = _log });

        Assert.Equal(LambdaRuntimeLoop.ExitCodes.RuntimeApiFailed, exit);
        Assert.False(built);
        Assert.Contains("AWS_LAMBDA_RUNTIME_API", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_the_loop_while_it_waits_for_work_stops_it_cleanly_and_disposes_the_handler()
    {
        await using var api = new FakeRuntimeApi { HoldWhenDrained = true };
        using var stop = new CancellationTokenSource();
        var handler = new DisposableHandler();

        var loop = LambdaRuntimeLoop.RunAsync(() => handler, Options(Environment(api)), stop.Token);
        await api.FirstRequest.WaitAsync(TimeSpan.FromSeconds(10));

        await stop.CancelAsync();

        Assert.Equal(LambdaRuntimeLoop.ExitCodes.Stopped, await loop.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(handler.Disposed);
    }

    public void Dispose() => _log.Dispose();

    private Task<int> RunAsync(FakeRuntimeApi api, Func<IInvocationHandler> createHandler) =>
        LambdaRuntimeLoop.RunAsync(createHandler, Options(Environment(api)));

    private static DictionaryEnvironment Environment(FakeRuntimeApi api) => new(new() { ["AWS_LAMBDA_RUNTIME_API"] = api.Address });

    private LambdaRuntimeOptions Options(ILambdaEnvironment environment) => new() { Environment = environment, Log = _log, Time = new ManualTimeProvider(Now) };

    private static void AssertJson(string expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"expected {expected}\n but got {actual}");

    private sealed class DisposableHandler : IInvocationHandler, IDisposable
    {
        public bool Disposed { get; private set; }

        public Task<ReadOnlyMemory<byte>> HandleAsync(Invocation invocation, CancellationToken cancellationToken) =>
            Task.FromResult<ReadOnlyMemory<byte>>("{}"u8.ToArray());

        public void Dispose() => Disposed = true;
    }
}
