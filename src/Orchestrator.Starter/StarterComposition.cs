using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Orchestrator.Ledger;
using Orchestrator.StepFunctions;

namespace Orchestrator.Starter;

/// <summary>
/// Wires the starter from environment settings, once, at init. The Lambda entry point, local mode and the benchmarks
/// all build it here so they run the same code.
/// </summary>
public sealed class StarterComposition : IDisposable
{
    public const string TableVariable = "ORCHESTRATOR_TABLE";
    public const string StateMachineVariable = "ORCHESTRATOR_STATE_MACHINE_ARN";
    public const string DynamoEndpointVariable = "ORCHESTRATOR_DYNAMODB_ENDPOINT";
    public const string StepFunctionsEndpointVariable = "ORCHESTRATOR_STEPFUNCTIONS_ENDPOINT";
    public const string RetentionDaysVariable = "ORCHESTRATOR_RETENTION_DAYS";

    private readonly AmazonDynamoDBClient _dynamo;
    private readonly StepFunctionsClient _stepFunctions;

    private StarterComposition(AmazonDynamoDBClient dynamo, StepFunctionsClient stepFunctions, StarterFunction function, RunLedger ledger)
    {
        _dynamo = dynamo;
        _stepFunctions = stepFunctions;
        Function = function;
        Ledger = ledger;
    }

    public StarterFunction Function { get; }

    public RunLedger Ledger { get; }

    /// <summary>Builds from variables; throws InvalidOperationException naming each missing or bad setting.</summary>
    public static StarterComposition FromEnvironment(Func<string, string?> get, TextWriter logOutput, TimeProvider time, AWSCredentials? credentials = null, Func<NewRun, ValueTask>? afterClaim = null)
    {
        var problems = new List<string>();
        var table = Required(get, TableVariable, problems);
        var stateMachine = Required(get, StateMachineVariable, problems);
        var region = get("AWS_REGION") ?? get("AWS_DEFAULT_REGION");
        if (string.IsNullOrEmpty(region))
        {
            problems.Add("AWS_REGION is not set");
        }

        var retention = int.TryParse(get(RetentionDaysVariable) ?? "90", NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days > 0
            ? days
            : Problem(problems, $"{RetentionDaysVariable} must be a positive whole number of days");
        var dynamoEndpoint = OptionalUri(get, DynamoEndpointVariable, problems);
        var stepFunctionsEndpoint = OptionalUri(get, StepFunctionsEndpointVariable, problems);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The starter is misconfigured: " + string.Join("; ", problems));
        }

        var dynamoConfig = new AmazonDynamoDBConfig { MaxErrorRetry = 4 };
        if (dynamoEndpoint is not null)
        {
            dynamoConfig.ServiceURL = dynamoEndpoint.ToString();
            dynamoConfig.AuthenticationRegion = region;
        }
        else
        {
            dynamoConfig.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(region);
        }

        // Local mode and tests pass fixed credentials; on Lambda the SDK's default chain reads the function's role.
        var dynamo = credentials is null ? new AmazonDynamoDBClient(dynamoConfig) : new AmazonDynamoDBClient(credentials, dynamoConfig);
        // Network timeouts and retry waits are wall-clock time, whatever clock the run logic uses (local mode speeds its clock up).
        var stepFunctions = new StepFunctionsClient(credentials is null
            ? new StepFunctionsClientOptions { Region = region!, ServiceUrl = stepFunctionsEndpoint }
            : new StepFunctionsClientOptions { Region = region!, ServiceUrl = stepFunctionsEndpoint, ResolveCredentials = () => credentials }, TimeProvider.System);
        var ledger = new RunLedger(dynamo, table!, time);
        var starter = new RunStarter(ledger, stepFunctions, new StarterOptions { StateMachineArn = stateMachine!, RetentionDays = retention, AfterClaim = afterClaim }, time);
        var function = new StarterFunction(starter, new RunFinalizer(ledger), new InvocationLog(logOutput, time));
        return new StarterComposition(dynamo, stepFunctions, function, ledger);
    }

    public void Dispose()
    {
        _dynamo.Dispose();
        _stepFunctions.Dispose();
    }

    private static string? Required(Func<string, string?> get, string name, List<string> problems)
    {
        var value = get(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{name} is not set");
            return null;
        }

        return value;
    }

    private static Uri? OptionalUri(Func<string, string?> get, string name, List<string> problems)
    {
        var value = get(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        problems.Add($"{name} must be an http(s) URL, got '{value}'");
        return null;
    }

    private static int Problem(List<string> problems, string message)
    {
        problems.Add(message);
        return 0;
    }
}
