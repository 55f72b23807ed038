using System.CommandLine;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Orchestrator.Ledger;
using Orchestrator.StepFunctions;

namespace Orchestrator.Cli.Runs;

/// <summary>
/// The options every run command shares, so the same command works against AWS or local mode: --endpoint-url (one URL for
/// both Step Functions and DynamoDB: local mode serves both), --region, --profile, and where the ledger and the state
/// machine are (--table / --state-machine-arn, or ORCHESTRATOR_TABLE / ORCHESTRATOR_STATE_MACHINE_ARN as `sam deploy` prints
/// them in the stack outputs).
/// </summary>
internal sealed class AwsConnectionOptions
{
    public Option<string?> EndpointUrl { get; } = new("--endpoint-url") { Description = "Send requests here instead of AWS (local mode: the URL `orchestrator local up` prints)." };

    public Option<string?> DynamoDbEndpointUrl { get; } = new("--dynamodb-endpoint-url") { Description = "DynamoDB endpoint, when it differs from --endpoint-url (e.g. a separate dynalite)." };

    public Option<string?> Region { get; } = new("--region") { Description = "AWS Region (default: AWS_REGION, then us-east-1)." };

    public Option<string?> Profile { get; } = new("--profile") { Description = "Named profile from ~/.aws/credentials or ~/.aws/config." };

    public Option<string?> Table { get; } = new("--table") { Description = "Run ledger table name (default: ORCHESTRATOR_TABLE; the RunsTableName stack output)." };

    public Option<string?> StateMachineArn { get; } = new("--state-machine-arn") { Description = "State machine ARN (default: ORCHESTRATOR_STATE_MACHINE_ARN; the StateMachineArn stack output)." };

    public void AddTo(Command command)
    {
        command.Options.Add(EndpointUrl);
        command.Options.Add(DynamoDbEndpointUrl);
        command.Options.Add(Region);
        command.Options.Add(Profile);
        command.Options.Add(Table);
        command.Options.Add(StateMachineArn);
    }

    /// <summary>Builds the clients, or explains on stderr what is missing and returns null.</summary>
    public AwsConnection? Connect(ParseResult parse, CliConsole console, bool needStateMachine = false)
    {
        var region = parse.GetValue(Region) ?? Environment.GetEnvironmentVariable("AWS_REGION") ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION") ?? "us-east-1";
        var table = parse.GetValue(Table) ?? Environment.GetEnvironmentVariable("ORCHESTRATOR_TABLE");
        var stateMachine = parse.GetValue(StateMachineArn) ?? Environment.GetEnvironmentVariable("ORCHESTRATOR_STATE_MACHINE_ARN");
        var endpoint = parse.GetValue(EndpointUrl);
        if (string.IsNullOrEmpty(table))
        {
            console.Error.WriteLine("Which run ledger? Pass --table NAME or set ORCHESTRATOR_TABLE (the RunsTableName output of the stack).");
            return null;
        }

        if (needStateMachine && string.IsNullOrEmpty(stateMachine))
        {
            console.Error.WriteLine("Which state machine? Pass --state-machine-arn ARN or set ORCHESTRATOR_STATE_MACHINE_ARN (the StateMachineArn output of the stack).");
            return null;
        }

        if (!TryUri(endpoint, "--endpoint-url", console, out var endpointUri)
            || !TryUri(parse.GetValue(DynamoDbEndpointUrl), "--dynamodb-endpoint-url", console, out var dynamoUri))
        {
            return null;
        }

        dynamoUri ??= endpointUri;

        AWSCredentials? credentials = null;
        var profile = parse.GetValue(Profile);
        if (profile is not null)
        {
            if (!new CredentialProfileStoreChain().TryGetAWSCredentials(profile, out credentials))
            {
                console.Error.WriteLine($"--profile: no profile named '{profile}' in the shared AWS config or credentials files.");
                return null;
            }
        }
        else if ((endpointUri ?? dynamoUri) is not null && Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") is null)
        {
            // Local endpoints do not check signatures; spare users from configuring credentials for them.
            credentials = new BasicAWSCredentials("local", "local");
        }

        var dynamoConfig = new AmazonDynamoDBConfig();
        if (dynamoUri is not null)
        {
            dynamoConfig.ServiceURL = dynamoUri.ToString();
            dynamoConfig.AuthenticationRegion = region;
        }
        else
        {
            dynamoConfig.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(region);
        }

        var dynamo = credentials is null ? new AmazonDynamoDBClient(dynamoConfig) : new AmazonDynamoDBClient(credentials, dynamoConfig);
        var options = new StepFunctionsClientOptions { Region = region, ServiceUrl = endpointUri };
        if (credentials is not null)
        {
            options = options with { ResolveCredentials = () => credentials };
        }

        return new AwsConnection(dynamo, new StepFunctionsClient(options), new RunLedger(dynamo, table, TimeProvider.System), stateMachine);
    }

    private static bool TryUri(string? text, string option, CliConsole console, out Uri? uri)
    {
        uri = null;
        if (text is null)
        {
            return true;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out uri) && uri.Scheme is "http" or "https")
        {
            return true;
        }

        console.Error.WriteLine($"{option}: '{text}' is not an http(s) URL.");
        return false;
    }
}

internal sealed class AwsConnection(AmazonDynamoDBClient dynamo, StepFunctionsClient stepFunctions, RunLedger ledger, string? stateMachineArn) : IDisposable
{
    public AmazonDynamoDBClient Dynamo { get; } = dynamo;

    public StepFunctionsClient StepFunctions { get; } = stepFunctions;

    public RunLedger Ledger { get; } = ledger;

    public string? StateMachineArn { get; } = stateMachineArn;

    public void Dispose()
    {
        Dynamo.Dispose();
        StepFunctions.Dispose();
    }
}
