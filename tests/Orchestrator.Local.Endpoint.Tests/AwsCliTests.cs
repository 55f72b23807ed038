using System.Text.Json.Nodes;
using Orchestrator.States.Execution;

namespace Orchestrator.Local.Endpoint.Tests;

/// <summary>The real AWS CLI v2 against the endpoint: what local-mode users and scripts will do.</summary>
public sealed class AwsCliTests : IAsyncLifetime
{
    private const string Role = "arn:aws:iam::123456789012:role/local";
    private LocalStepFunctionsEndpoint _endpoint = null!;

    public async Task InitializeAsync() =>
        _endpoint = await LocalStepFunctionsEndpoint.StartNewAsync(new LocalStepFunctionsOptions
        {
            Engine = new EngineOptions { Mocks = Definitions.FailOnceMocks() },
        });

    public async Task DisposeAsync() => await _endpoint.DisposeAsync();

    private Uri Url => _endpoint.Uri;

    [Fact]
    public async Task CreateStartDescribeHistoryAndListARun()
    {
        var created = await AwsCli.OkAsync(Url, "create-state-machine", "--name", "pass-choice", "--definition", Definitions.PassChoice, "--role-arn", Role);
        var machineArn = created["stateMachineArn"]!.GetValue<string>();
        Assert.Equal("arn:aws:states:us-east-1:123456789012:stateMachine:pass-choice", machineArn);

        // Same name and definition again: CreateStateMachine is idempotent.
        var again = await AwsCli.OkAsync(Url, "create-state-machine", "--name", "pass-choice", "--definition", Definitions.PassChoice, "--role-arn", Role);
        Assert.Equal(machineArn, again["stateMachineArn"]!.GetValue<string>());

        var described = await AwsCli.OkAsync(Url, "describe-state-machine", "--state-machine-arn", machineArn);
        Assert.Equal(Definitions.PassChoice, described["definition"]!.GetValue<string>());
        Assert.Equal("STANDARD", described["type"]!.GetValue<string>());

        var started = await AwsCli.OkAsync(Url, "start-execution", "--state-machine-arn", machineArn, "--name", "run-1", "--input", """{"go":true}""");
        var executionArn = started["executionArn"]!.GetValue<string>();
        Assert.Equal("arn:aws:states:us-east-1:123456789012:execution:pass-choice:run-1", executionArn);
        Assert.NotNull(started["startDate"]);
        await _endpoint.WaitForCloseAsync(executionArn);

        var execution = await AwsCli.OkAsync(Url, "describe-execution", "--execution-arn", executionArn);
        Assert.Equal("SUCCEEDED", execution["status"]!.GetValue<string>());
        Assert.Equal("run-1", execution["name"]!.GetValue<string>());
        Assert.Equal("""{"go":true}""", execution["input"]!.GetValue<string>());
        Assert.Equal("hello", JsonNode.Parse(execution["output"]!.GetValue<string>())!["greeting"]!.GetValue<string>());
        Assert.NotNull(execution["stopDate"]);

        var history = await AwsCli.OkAsync(Url, "get-execution-history", "--execution-arn", executionArn);
        var types = history["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).ToList();
        Assert.Equal(
            ["ExecutionStarted", "PassStateEntered", "PassStateExited", "ChoiceStateEntered", "ChoiceStateExited", "SucceedStateEntered", "SucceedStateExited", "ExecutionSucceeded"],
            types);

        var reversed = await AwsCli.OkAsync(Url, "get-execution-history", "--execution-arn", executionArn, "--reverse-order", "--max-items", "1");
        Assert.Equal("ExecutionSucceeded", reversed["events"]![0]!["type"]!.GetValue<string>());

        var failing = await AwsCli.OkAsync(Url, "start-execution", "--state-machine-arn", machineArn, "--name", "run-2", "--input", """{"go":false}""");
        await _endpoint.WaitForCloseAsync(failing["executionArn"]!.GetValue<string>());
        var failed = await AwsCli.OkAsync(Url, "describe-execution", "--execution-arn", failing["executionArn"]!.GetValue<string>());
        Assert.Equal("FAILED", failed["status"]!.GetValue<string>());
        Assert.Equal("NotGoing", failed["error"]!.GetValue<string>());
        Assert.Equal("go was not true", failed["cause"]!.GetValue<string>());

        var listed = await AwsCli.OkAsync(Url, "list-executions", "--state-machine-arn", machineArn);
        Assert.Equal(["run-2", "run-1"], listed["executions"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()));
        var onlyFailed = await AwsCli.OkAsync(Url, "list-executions", "--state-machine-arn", machineArn, "--status-filter", "FAILED");
        Assert.Equal(["run-2"], onlyFailed["executions"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()));

        // The CLI's paginator follows nextToken itself: a page size of 1 still yields both executions.
        var paged = await AwsCli.OkAsync(Url, "list-executions", "--state-machine-arn", machineArn, "--page-size", "1");
        Assert.Equal(2, paged["executions"]!.AsArray().Count);

        var machines = await AwsCli.OkAsync(Url, "list-state-machines");
        Assert.Contains(machines["stateMachines"]!.AsArray(), m => m!["name"]!.GetValue<string>() == "pass-choice");
    }

    [Fact]
    public async Task SameNameAndInputWhileRunningIsIdempotentOtherwiseExecutionAlreadyExists()
    {
        var machineArn = (await AwsCli.OkAsync(Url, "create-state-machine", "--name", "waiting", "--definition", Definitions.LongWait, "--role-arn", Role))["stateMachineArn"]!.GetValue<string>();
        var first = await AwsCli.OkAsync(Url, "start-execution", "--state-machine-arn", machineArn, "--name", "slot-0200", "--input", """{"job":"nightly"}""");
        var repeat = await AwsCli.OkAsync(Url, "start-execution", "--state-machine-arn", machineArn, "--name", "slot-0200", "--input", """{"job":"nightly"}""");
        Assert.Equal(first["executionArn"]!.GetValue<string>(), repeat["executionArn"]!.GetValue<string>());
        Assert.Equal(first["startDate"]!.ToJsonString(), repeat["startDate"]!.ToJsonString());

        var differentInput = await AwsCli.StepFunctionsAsync(Url, "start-execution", "--state-machine-arn", machineArn, "--name", "slot-0200", "--input", """{"job":"other"}""");
        Assert.Equal(254, differentInput.ExitCode);
        Assert.Contains("An error occurred (ExecutionAlreadyExists) when calling the StartExecution operation", differentInput.Stderr, StringComparison.Ordinal);

        var stopped = await AwsCli.OkAsync(Url, "stop-execution", "--execution-arn", first["executionArn"]!.GetValue<string>(), "--error", "Manual", "--cause", "operator stop");
        Assert.NotNull(stopped["stopDate"]);
        var aborted = await AwsCli.OkAsync(Url, "describe-execution", "--execution-arn", first["executionArn"]!.GetValue<string>());
        Assert.Equal("ABORTED", aborted["status"]!.GetValue<string>());
        Assert.Equal("Manual", aborted["error"]!.GetValue<string>());
        Assert.Equal("operator stop", aborted["cause"]!.GetValue<string>());

        // Closed: the same name and input is refused too.
        var afterClose = await AwsCli.StepFunctionsAsync(Url, "start-execution", "--state-machine-arn", machineArn, "--name", "slot-0200", "--input", """{"job":"nightly"}""");
        Assert.Contains("(ExecutionAlreadyExists)", afterClose.Stderr, StringComparison.Ordinal);

        var badName = await AwsCli.StepFunctionsAsync(Url, "start-execution", "--state-machine-arn", machineArn, "--name", "2024-05-01T02:00:00Z");
        Assert.Contains("(InvalidName)", badName.Stderr, StringComparison.Ordinal);

        var badInput = await AwsCli.StepFunctionsAsync(Url, "start-execution", "--state-machine-arn", machineArn, "--input", "{not json");
        Assert.Contains("(InvalidExecutionInput)", badInput.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailedTaskIsRedrivenToSuccessButASucceededExecutionIsNotRedrivable()
    {
        var machineArn = (await AwsCli.OkAsync(Url, "create-state-machine", "--name", "ecs-job", "--definition", Definitions.EcsTask, "--role-arn", Role))["stateMachineArn"]!.GetValue<string>();
        var executionArn = (await AwsCli.OkAsync(Url, "start-execution", "--state-machine-arn", machineArn, "--name", "attempt"))["executionArn"]!.GetValue<string>();
        await _endpoint.WaitForCloseAsync(executionArn);
        var failed = await AwsCli.OkAsync(Url, "describe-execution", "--execution-arn", executionArn);
        Assert.Equal("FAILED", failed["status"]!.GetValue<string>());
        Assert.Equal("ECS.AmazonECSException", failed["error"]!.GetValue<string>());
        Assert.Equal("REDRIVABLE", failed["redriveStatus"]!.GetValue<string>());

        var redriven = await AwsCli.OkAsync(Url, "redrive-execution", "--execution-arn", executionArn);
        Assert.NotNull(redriven["redriveDate"]);
        await _endpoint.WaitForCloseAsync(executionArn);

        var succeeded = await AwsCli.OkAsync(Url, "describe-execution", "--execution-arn", executionArn);
        Assert.Equal("SUCCEEDED", succeeded["status"]!.GetValue<string>());
        Assert.Equal(1, succeeded["redriveCount"]!.GetValue<int>());
        Assert.Equal(0, JsonNode.Parse(succeeded["output"]!.GetValue<string>())!["result"]!["exit"]!.GetValue<int>());

        var history = await AwsCli.OkAsync(Url, "get-execution-history", "--execution-arn", executionArn);
        Assert.Contains(history["events"]!.AsArray(), e => e!["type"]!.GetValue<string>() == "ExecutionRedriven");

        var refused = await AwsCli.StepFunctionsAsync(Url, "redrive-execution", "--execution-arn", executionArn);
        Assert.Contains("(ExecutionNotRedrivable)", refused.Stderr, StringComparison.Ordinal);

        var missing = await AwsCli.StepFunctionsAsync(Url, "describe-execution", "--execution-arn", machineArn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":nope");
        Assert.Contains("(ExecutionDoesNotExist)", missing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInvalidDefinitionIsRefusedWithItsProblems()
    {
        var result = await AwsCli.StepFunctionsAsync(Url, "create-state-machine", "--name", "broken", "--role-arn", Role,
            "--definition", """{"StartAt":"Missing","States":{"A":{"Type":"Pass","End":true}}}""");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("(InvalidDefinition)", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Missing", result.Stderr, StringComparison.Ordinal);
    }
}
