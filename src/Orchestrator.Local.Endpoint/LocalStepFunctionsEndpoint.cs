using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Local.Endpoint.Operations;
using Orchestrator.Local.Endpoint.Protocol;
using Orchestrator.Local.Endpoint.Store;

namespace Orchestrator.Local.Endpoint;

/// <summary>
/// A Step Functions endpoint on 127.0.0.1 speaking the AWS JSON 1.0 protocol, backed by the local ASL engine: the AWS CLI,
/// AWS SDKs and our client work against it with --endpoint-url. Beside HTTP, local mode registers state machines,
/// starts and inspects executions, and hears about closed executions through the methods here.
/// </summary>
public sealed class LocalStepFunctionsEndpoint : IAsyncDisposable
{
    private readonly StateMachineStore _store;
    private readonly CreateStateMachine _create;
    private readonly StartExecution _start;
    private readonly DescribeExecution _describe;
    private readonly StopExecution _stop;
    private readonly JsonProtocolDispatcher _dispatcher;
    private WebApplication? _host;
    private DynamoDbPassThrough? _passThrough;
    private Uri? _uri;

    public LocalStepFunctionsEndpoint(LocalStepFunctionsOptions? options = null)
    {
        _store = new StateMachineStore(options ?? new LocalStepFunctionsOptions());
        _create = new CreateStateMachine(_store);
        _start = new StartExecution(_store);
        _describe = new DescribeExecution(_store);
        _stop = new StopExecution(_store);
        _dispatcher = new JsonProtocolDispatcher(
        [
            _create,
            new DescribeStateMachine(_store),
            new ListStateMachines(_store),
            new DeleteStateMachine(_store),
            _start,
            _describe,
            new ListExecutions(_store),
            new GetExecutionHistory(_store),
            _stop,
            new RedriveExecution(_store),
        ]);
    }

    public LocalStepFunctionsOptions Options => _store.Options;

    /// <summary>http://127.0.0.1:{port}/ once started: pass it as --endpoint-url / ServiceURL.</summary>
    public Uri Uri => _uri ?? throw new InvalidOperationException("The endpoint is not started: call StartAsync first.");

    public bool IsRunning => _host is not null;

    /// <summary>Creates an endpoint and starts listening.</summary>
    public static async Task<LocalStepFunctionsEndpoint> StartNewAsync(LocalStepFunctionsOptions? options = null, CancellationToken cancellation = default)
    {
        var endpoint = new LocalStepFunctionsEndpoint(options);
        try
        {
            await endpoint.StartAsync(cancellation).ConfigureAwait(false);
            return endpoint;
        }
        catch
        {
            await endpoint.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Listens on 127.0.0.1 only (port 0 picks a free port; see <see cref="Uri"/>).</summary>
    public async Task StartAsync(CancellationToken cancellation = default)
    {
        if (_host is not null)
        {
            throw new InvalidOperationException("The endpoint is already started.");
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, _store.Options.Port));
        var host = builder.Build();
        _passThrough = _store.Options.DynamoDbPassThrough is { } dynamoDb ? new DynamoDbPassThrough(dynamoDb) : null;
        host.Run(context => _passThrough is { } passThrough && DynamoDbPassThrough.Handles(context.Request)
            ? passThrough.ForwardAsync(context)
            : _dispatcher.HandleAsync(context));
        await host.StartAsync(cancellation).ConfigureAwait(false);
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel did not report the address it listens on.");
        _uri = new Uri(address.EndsWith('/') ? address : address + "/");
        _host = host;
    }

    /// <summary>Stops listening. Executions keep their state; running ones keep running in the engine.</summary>
    public async Task StopAsync(CancellationToken cancellation = default)
    {
        if (_host is not { } host)
        {
            return;
        }

        _host = null;
        _uri = null;
        await host.StopAsync(cancellation).ConfigureAwait(false);
        await host.DisposeAsync().ConfigureAwait(false);
        _passThrough?.Dispose();
        _passThrough = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>The ARN a state machine of this name has (or will have) here.</summary>
    public string StateMachineArn(string name) => _store.Arns.StateMachine(name);

    /// <summary>
    /// Registers a state machine from definition text (after local mode applied SAM DefinitionSubstitutions). Same rules as
    /// CreateStateMachine; with <paramref name="replaceExisting"/> a changed definition replaces the old one instead of
    /// answering StateMachineAlreadyExists.
    /// </summary>
    public Outcome<CreateStateMachineResponse> RegisterStateMachine(
        string name, string definition, string? roleArn = null, bool replaceExisting = false, string type = "STANDARD")
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(definition);
        return _create.Register(name, definition, roleArn ?? $"arn:aws:iam::{_store.Options.Engine.AccountId}:role/orchestrator-local", type, replaceExisting);
    }

    /// <summary>StartExecution without HTTP (same idempotency and validation).</summary>
    public ValueTask<Outcome<StartExecutionResponse>> StartExecutionAsync(Protocol.StartExecutionRequest request, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _start.ExecuteAsync(request, cancellation);
    }

    /// <summary>DescribeExecution without HTTP.</summary>
    public ValueTask<Outcome<DescribeExecutionResponse>> DescribeExecutionAsync(string executionArn, CancellationToken cancellation = default) =>
        _describe.ExecuteAsync(new ExecutionArnRequest { ExecutionArn = executionArn }, cancellation);

    /// <summary>StopExecution without HTTP.</summary>
    public ValueTask<Outcome<StopExecutionResponse>> StopExecutionAsync(string executionArn, string? error = null, string? cause = null, CancellationToken cancellation = default) =>
        _stop.ExecuteAsync(new StopExecutionRequest { ExecutionArn = executionArn, Error = error, Cause = cause }, cancellation);

    /// <summary>Waits until the execution's current run (first or latest redrive) closes; null when there is no such execution.</summary>
    public async Task<ExecutionStatusChange?> WaitForCloseAsync(string executionArn, CancellationToken cancellation = default)
    {
        if (_store.Execution(executionArn) is not { } entry)
        {
            return null;
        }

        await entry.Execution.Completion.WaitAsync(cancellation).ConfigureAwait(false);
        return StateMachineStore.StatusChange(entry);
    }
}
