using System.Text;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Orchestrator.Ledger;
using Orchestrator.LambdaRuntime;
using Orchestrator.Testing;

namespace Orchestrator.Starter.Tests;

/// <summary>
/// The real starter wired as in production (StarterComposition), against dynalite and a loopback Step Functions peer.
/// One fresh table per harness so tests sharing a dynalite do not see each other's runs.
/// </summary>
public sealed class StarterHarness : IAsyncDisposable
{
    public const string StateMachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:run-job";

    private StarterHarness(StarterComposition composition, StepFunctionsIdempotencyPeer peer, IAmazonDynamoDB dynamo, string table, ManualClock clock, StringWriter log)
    {
        Composition = composition;
        Peer = peer;
        Dynamo = dynamo;
        Table = table;
        Clock = clock;
        Log = log;
    }

    public StarterComposition Composition { get; }

    public StepFunctionsIdempotencyPeer Peer { get; }

    public IAmazonDynamoDB Dynamo { get; }

    public string Table { get; }

    public ManualClock Clock { get; }

    public StringWriter Log { get; }

    public RunLedger Ledger => Composition.Ledger;

    public static readonly BasicAWSCredentials Credentials = new("AKIDLOCAL", "local-secret");

    public static async Task<StarterHarness> StartAsync(DynaliteFixture dynalite, DateTimeOffset now)
    {
        var table = "runs-" + Guid.NewGuid().ToString("N")[..12];
        var peer = new StepFunctionsIdempotencyPeer();
        var clock = new ManualClock(now);
        var log = new StringWriter();
        var settings = new Dictionary<string, string>
        {
            [StarterComposition.TableVariable] = table,
            [StarterComposition.StateMachineVariable] = StateMachineArn,
            [StarterComposition.DynamoEndpointVariable] = dynalite.Endpoint,
            [StarterComposition.StepFunctionsEndpointVariable] = peer.Endpoint.ToString(),
            ["AWS_REGION"] = "us-east-1",
        };
        var composition = StarterComposition.FromEnvironment(name => settings.GetValueOrDefault(name), TextWriter.Synchronized(log), clock, Credentials);
        var dynamo = new AmazonDynamoDBClient(Credentials, new AmazonDynamoDBConfig { ServiceURL = dynalite.Endpoint, AuthenticationRegion = "us-east-1" });
        await RunTable.EnsureExistsAsync(dynamo, table);
        return new StarterHarness(composition, peer, dynamo, table, clock, log);
    }

    /// <summary>One invocation as the Lambda runtime would make it; returns the response JSON.</summary>
    public async Task<string> InvokeAsync(string eventJson)
    {
        var response = await Composition.Function.HandleAsync(new Invocation
        {
            RequestId = Guid.NewGuid().ToString(),
            Payload = Encoding.UTF8.GetBytes(eventJson),
            Deadline = Clock.GetUtcNow().AddSeconds(30),
        }, CancellationToken.None);
        return Encoding.UTF8.GetString(response.Span);
    }

    public async Task<int> ItemCountAsync() => (await Dynamo.ScanAsync(new Amazon.DynamoDBv2.Model.ScanRequest { TableName = Table })).Count ?? 0;

    public async ValueTask DisposeAsync()
    {
        Composition.Dispose();
        Dynamo.Dispose();
        await Peer.DisposeAsync();
    }
}

/// <summary>Job blocks as a schedule would deliver them.</summary>
public static class Deliveries
{
    public static string For(string job, DateTimeOffset scheduledTime, string extra = "") =>
        $$"""
        {"job":"{{job}}","scheduledTime":"{{scheduledTime.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}}",
         "task":{"taskDefinition":"arn:aws:ecs:us-east-1:123456789012:task-definition/{{job}}:1","container":"main","command":["sh","-c","echo hi"]}{{extra}}}
        """;
}
