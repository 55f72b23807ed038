using System.Collections.Immutable;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Orchestrator.LambdaRuntime;
using Orchestrator.Ledger;
using Orchestrator.Local.Endpoint;
using Orchestrator.Local.Tasks;
using Orchestrator.Local.Tasks.Faults;
using Orchestrator.Starter;
using Orchestrator.States.Execution;
using Orchestrator.States.Integrations;
using Orchestrator.Templates;

namespace Orchestrator.Local;

/// <summary>How to bring the app up locally.</summary>
public sealed record LocalDeploymentOptions
{
    public required string TemplatePath { get; init; }

    public ImmutableDictionary<string, string> ParameterOverrides { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Use this DynamoDB (e.g. a running dynalite) instead of starting one.</summary>
    public Uri? DynamoDbEndpoint { get; init; }

    /// <summary>Port of the local Step Functions endpoint; 0 picks a free one.</summary>
    public int Port { get; init; }

    public FaultPlan Faults { get; init; } = FaultPlan.None;

    /// <summary>Local time runs this many times faster than the wall clock (schedules, Wait, backoff, timeouts).</summary>
    public double Speed { get; init; } = 1;

    /// <summary>Where task logs go; default .local/logs beside the template.</summary>
    public string? LogsDirectory { get; init; }

    /// <summary>Seed for fault injection decisions made here (crash after claim).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Where the starter's one-line-per-invocation log goes.</summary>
    public TextWriter? StarterLog { get; init; }

    /// <summary>Hears each execution close, after the finalizer ran for a bad end, so its run record is final (e.g. a live view).</summary>
    public Action<ExecutionStatusChange>? ExecutionClosed { get; init; }
}

/// <summary>
/// The whole app from template.yaml on one machine: dynalite with the template's tables, our Step Functions endpoint with
/// the state machines (DefinitionSubstitutions applied), local ECS running task definitions as processes, the real starter
/// code invoked with the Input Scheduler would send, and the finalizer invoked as the EventBridge rule would.
/// </summary>
public sealed class LocalDeployment : IAsyncDisposable
{
    private static readonly BasicAWSCredentials LocalCredentials = new("local", "local");
    private readonly DynaliteProcess? _dynalite;
    private readonly AmazonDynamoDBClient _dynamo;
    private readonly HttpClient _http;
    private readonly Random _random;
    private int _crashes;
    private int _finalized;

    private LocalDeployment(SamTemplate template, LocalDeploymentOptions options, DynaliteProcess? dynalite, AmazonDynamoDBClient dynamo, HttpClient http, ScaledTimeProvider clock, LocalEcsTaskRunner ecs)
    {
        Template = template;
        Options = options;
        _dynalite = dynalite;
        _dynamo = dynamo;
        _http = http;
        Clock = clock;
        Ecs = ecs;
        _random = new Random(options.Seed);
    }

    public SamTemplate Template { get; }

    public LocalDeploymentOptions Options { get; }

    public ScaledTimeProvider Clock { get; }

    public LocalEcsTaskRunner Ecs { get; }

    public LocalStepFunctionsEndpoint Endpoint { get; private set; } = null!;

    public StarterComposition Starter { get; private set; } = null!;

    public RunLedger Ledger => Starter.Ledger;

    public Uri DynamoDbEndpoint { get; private set; } = null!;

    public string StateMachineArn { get; private set; } = "";

    public string TableName { get; private set; } = "";

    /// <summary>Starter invocations that died between claim and StartExecution (injected).</summary>
    public int Crashes => Volatile.Read(ref _crashes);

    /// <summary>Execution ends sent to the finalizer (FAILED, TIMED_OUT, ABORTED).</summary>
    public int Finalized => Volatile.Read(ref _finalized);

    public static async Task<LocalDeployment> StartAsync(LocalDeploymentOptions options, CancellationToken cancellation = default)
    {
        var template = SamTemplate.Load(options.TemplatePath, new TemplateLoadOptions { Mode = TemplateMode.Local, ParameterOverrides = options.ParameterOverrides });
        var problems = template.Validate();
        if (problems.Count > 0)
        {
            throw new LocalModeException($"{options.TemplatePath} has {problems.Count} problem(s); nothing was started:\n  " + string.Join("\n  ", problems));
        }

        var machine = template.StateMachines.SingleOrDefault()
            ?? throw new LocalModeException($"{options.TemplatePath}: local mode needs exactly one AWS::Serverless::StateMachine, found {template.StateMachines.Length}.");
        var starterFunction = template.Functions.SingleOrDefault(f => f.Environment.ContainsKey(StarterComposition.StateMachineVariable))
            ?? throw new LocalModeException($"{options.TemplatePath}: no function has {StarterComposition.StateMachineVariable} in its environment, so there is no starter to run.");

        var folder = Path.GetDirectoryName(Path.GetFullPath(options.TemplatePath))!;
        DynaliteProcess? dynalite = null;
        if (options.DynamoDbEndpoint is null)
        {
            dynalite = await DynaliteProcess.StartAsync(folder, cancellation);
        }

        var dynamoEndpoint = options.DynamoDbEndpoint ?? dynalite!.Endpoint;
        var dynamo = new AmazonDynamoDBClient(LocalCredentials, new AmazonDynamoDBConfig { ServiceURL = dynamoEndpoint.ToString(), AuthenticationRegion = template.Options.Region });
        var clock = new ScaledTimeProvider(options.Speed);
        var ecs = new LocalEcsTaskRunner(template.TaskDefinitions, new LocalEcsOptions
        {
            LogsDirectory = options.LogsDirectory ?? Path.Combine(folder, ".local", "logs"),
            Region = template.Options.Region,
            AccountId = template.Options.AccountId,
            Faults = options.Faults,
            WorkingDirectory = folder,
        });
        var deployment = new LocalDeployment(template, options, dynalite, dynamo, new HttpClient(), clock, ecs);
        try
        {
            await deployment.BringUpAsync(machine, starterFunction, dynamoEndpoint, cancellation);
            return deployment;
        }
        catch
        {
            await deployment.DisposeAsync();
            throw;
        }
    }

    private async Task BringUpAsync(TemplateStateMachine machine, TemplateFunction starterFunction, Uri dynamoEndpoint, CancellationToken cancellation)
    {
        DynamoDbEndpoint = dynamoEndpoint;
        foreach (var table in Template.Tables)
        {
            await CreateTableAsync(table, cancellation);
        }

        var tasks = new TaskHandlerRegistry();
        EcsRunTaskHandler.Register(tasks, Ecs);
        DynamoDbTaskHandler.Register(tasks, new DynamoDbTaskHandler(_http, dynamoEndpoint, region: Template.Options.Region));
        Endpoint = await LocalStepFunctionsEndpoint.StartNewAsync(new LocalStepFunctionsOptions
        {
            Engine = new EngineOptions { Time = Clock, Tasks = tasks, Region = Template.Options.Region, AccountId = Template.Options.AccountId },
            Port = Options.Port,
            ExecutionClosed = OnExecutionClosedAsync,
            DynamoDbPassThrough = dynamoEndpoint,
        }, cancellation);

        var registered = Endpoint.RegisterStateMachine(machine.Name, machine.Definition!, replaceExisting: true);
        if (!registered.IsSuccess)
        {
            throw new LocalModeException($"Resources.{machine.LogicalId}: the state machine was refused: {registered.Error}");
        }

        StateMachineArn = registered.Value!.StateMachineArn;
        TableName = starterFunction.Environment.GetValueOrDefault(StarterComposition.TableVariable) ?? Template.Tables.First().TableName;
        var settings = new Dictionary<string, string>(starterFunction.Environment, StringComparer.Ordinal)
        {
            [StarterComposition.StateMachineVariable] = StateMachineArn,
            [StarterComposition.DynamoEndpointVariable] = dynamoEndpoint.ToString(),
            [StarterComposition.StepFunctionsEndpointVariable] = Endpoint.Uri.ToString(),
            ["AWS_REGION"] = Template.Options.Region,
        };
        Starter = StarterComposition.FromEnvironment(name => settings.GetValueOrDefault(name), TextWriter.Synchronized(Options.StarterLog ?? TextWriter.Null), Clock, LocalCredentials, CrashAfterClaimAsync);
    }

    /// <summary>One delivery of a job's slot, as Scheduler would make it: the job block with the context attributes filled in.</summary>
    public async Task<DeliveryResult> DeliverAsync(TemplateJob job, DateTimeOffset slot, int attempt = 1, CancellationToken cancellation = default)
    {
        var payload = job.RenderInput(slot, attempt);
        return await InvokeAsync(payload, cancellation);
    }

    /// <summary>Invokes the starter function with a payload; function errors are results, as Lambda reports them.</summary>
    public async Task<DeliveryResult> InvokeAsync(string payload, CancellationToken cancellation = default)
    {
        try
        {
            var response = await Starter.Function.HandleAsync(new Invocation
            {
                RequestId = Guid.NewGuid().ToString(),
                Payload = Encoding.UTF8.GetBytes(payload),
                Deadline = Clock.GetUtcNow().AddSeconds(30),
            }, cancellation);
            return DeliveryResult.From(Encoding.UTF8.GetString(response.Span));
        }
        catch (FunctionErrorException error)
        {
            return new DeliveryResult { Outcome = "Invalid", Error = error.Message };
        }
        catch (StarterCrashedException)
        {
            return new DeliveryResult { Outcome = "Crashed", Error = "the starter died after claiming (injected)" };
        }
        catch (Exception error) when (!cancellation.IsCancellationRequested)
        {
            // Any other failure is a function error, which Lambda reports and retries: so does local mode.
            return new DeliveryResult { Outcome = "Error", Error = error.GetType().Name + ": " + error.Message };
        }
    }

    private ValueTask CrashAfterClaimAsync(NewRun run)
    {
        bool crash;
        lock (_random)
        {
            crash = Options.Faults.CrashAfterClaim > 0 && _random.NextDouble() < Options.Faults.CrashAfterClaim;
        }

        if (crash)
        {
            Interlocked.Increment(ref _crashes);
            throw new StarterCrashedException(run.RunId);
        }

        return ValueTask.CompletedTask;
    }

    private async ValueTask OnExecutionClosedAsync(ExecutionStatusChange change, CancellationToken cancellation)
    {
        // The template's rule sends FAILED, TIMED_OUT and ABORTED executions to the starter function's finalizer.
        if (change.Status is "FAILED" or "TIMED_OUT" or "ABORTED")
        {
            Interlocked.Increment(ref _finalized);
            await InvokeAsync(change.ToEventJson(Template.Options.AccountId, Template.Options.Region, Clock.GetUtcNow()), cancellation);
        }

        Options.ExecutionClosed?.Invoke(change);
    }

    private async Task CreateTableAsync(TemplateTable table, CancellationToken cancellation)
    {
        var request = new CreateTableRequest
        {
            TableName = table.TableName,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            KeySchema = [.. table.KeySchema.Select(k => new KeySchemaElement(k.AttributeName, k.KeyType))],
            AttributeDefinitions = [.. table.AttributeDefinitions.Select(a => new AttributeDefinition(a.Key, a.Value))],
        };
        if (!table.GlobalSecondaryIndexes.IsEmpty)
        {
            request.GlobalSecondaryIndexes = [.. table.GlobalSecondaryIndexes.Select(i => new GlobalSecondaryIndex
            {
                IndexName = i.IndexName,
                KeySchema = [.. i.KeySchema.Select(k => new KeySchemaElement(k.AttributeName, k.KeyType))],
                Projection = new Projection { ProjectionType = i.ProjectionType ?? ProjectionType.ALL },
            })];
        }

        try
        {
            await _dynamo.CreateTableAsync(request, cancellation);
        }
        catch (ResourceInUseException)
        {
            // Kept from an earlier run against the same DynamoDB.
        }

        await RunTable.EnsureExistsAsync(_dynamo, table.TableName, cancellation);
    }

    public async ValueTask DisposeAsync()
    {
        if (Endpoint is not null)
        {
            await Endpoint.DisposeAsync();
        }

        await Ecs.DisposeAsync();
        Starter?.Dispose();
        _dynamo.Dispose();
        _http.Dispose();
        if (_dynalite is not null)
        {
            await _dynalite.DisposeAsync();
        }
    }
}

/// <summary>What one starter invocation answered.</summary>
public sealed record DeliveryResult
{
    public required string Outcome { get; init; }

    public string? RunId { get; init; }

    public string? ExecutionArn { get; init; }

    public string? Error { get; init; }

    public static DeliveryResult From(string responseJson)
    {
        using var document = System.Text.Json.JsonDocument.Parse(responseJson);
        var root = document.RootElement;
        return new DeliveryResult
        {
            Outcome = root.GetProperty("outcome").GetString()!,
            RunId = root.TryGetProperty("runId", out var id) ? id.GetString() : null,
            ExecutionArn = root.TryGetProperty("executionArn", out var arn) ? arn.GetString() : null,
        };
    }
}

/// <summary>Injected: the starter process died between its claim and StartExecution.</summary>
public sealed class StarterCrashedException(string runId) : Exception($"starter crashed after claiming {runId} (injected fault)");
