using System.Text.Json.Nodes;
using Amazon.Runtime;

namespace Orchestrator.StepFunctions.Tests;

/// <summary>What goes on the wire: target header, content type, body JSON, SigV4.</summary>
public sealed class RequestShapeTests
{
    private const string StateMachineArn = "arn:aws:states:eu-west-1:123456789012:stateMachine:run-job";
    private const string ExecutionArn = "arn:aws:states:eu-west-1:123456789012:execution:run-job:nightly-report-20261121T0300Z";

    [Fact]
    public async Task StartExecution_posts_the_json_1_0_request_to_root()
    {
        await using var peer = new StepFunctionsPeer().Answer(ScriptedResponse.Ok($$"""{"executionArn":"{{ExecutionArn}}","startDate":1763694000.123}"""));
        using var client = ClientFactory.For(peer);

        await client.StartExecutionAsync(new StartExecutionRequest
        {
            StateMachineArn = StateMachineArn,
            Name = "nightly-report-20261121T0300Z",
            Input = """{"job":"nightly-report"}""",
        });

        var sent = Assert.Single(peer.Requests);
        Assert.Equal("POST", sent.Method);
        Assert.Equal("/", sent.Path);
        Assert.Equal("AWSStepFunctions.StartExecution", sent.Header("X-Amz-Target"));
        Assert.Equal("application/x-amz-json-1.0", sent.Header("Content-Type"));
        AssertJson($$"""{"stateMachineArn":"{{StateMachineArn}}","name":"nightly-report-20261121T0300Z","input":"{\"job\":\"nightly-report\"}"}""", sent.Body);
    }

    [Fact]
    public async Task Every_request_carries_a_sigv4_signature_for_states_in_the_configured_region()
    {
        await using var peer = new StepFunctionsPeer().Answer(ScriptedResponse.Ok("""{"stopDate":1763694000}"""));
        using var client = ClientFactory.For(peer);

        await client.StopExecutionAsync(new StopExecutionRequest { ExecutionArn = ExecutionArn, Error = "Manual", Cause = "operator" });

        var sent = Assert.Single(peer.Requests);
        var auth = SigV4Verifier.Parse(sent.Header("Authorization"));
        Assert.Equal(ClientFactory.AccessKey, auth.AccessKey);
        Assert.Equal(ClientFactory.Region, auth.Region);
        Assert.Equal("states", auth.Service);
        Assert.Equal(sent.Header("X-Amz-Date")[..8], auth.Date);
        Assert.Contains("host", auth.SignedHeaders);
        Assert.Contains("x-amz-date", auth.SignedHeaders);
        Assert.Contains("x-amz-target", auth.SignedHeaders);
        Assert.Equal(SigV4Verifier.ExpectedSignature(sent, ClientFactory.SecretKey), auth.Signature);
    }

    [Fact]
    public async Task Session_credentials_send_their_token_inside_the_signature()
    {
        await using var peer = new StepFunctionsPeer().Answer(ScriptedResponse.Ok("""{"redriveDate":1763694000}"""));
        using var client = ClientFactory.For(peer, credentials: () => new SessionAWSCredentials(ClientFactory.AccessKey, ClientFactory.SecretKey, "session-token"));

        await client.RedriveExecutionAsync(new RedriveExecutionRequest { ExecutionArn = ExecutionArn });

        var sent = Assert.Single(peer.Requests);
        Assert.Equal("session-token", sent.Header("X-Amz-Security-Token"));
        Assert.Contains("x-amz-security-token", SigV4Verifier.Parse(sent.Header("Authorization")).SignedHeaders);
        Assert.Equal(SigV4Verifier.ExpectedSignature(sent, ClientFactory.SecretKey), SigV4Verifier.Parse(sent.Header("Authorization")).Signature);
    }

    [Fact]
    public async Task Credentials_are_resolved_on_first_use_and_only_once()
    {
        await using var peer = new StepFunctionsPeer().Answer(ScriptedResponse.Ok("""{"stopDate":1763694000}"""));
        var resolutions = 0;
        using var client = ClientFactory.For(peer, credentials: () =>
        {
            resolutions++;
            return new BasicAWSCredentials(ClientFactory.AccessKey, ClientFactory.SecretKey);
        });
        Assert.Equal(0, resolutions);

        await client.StopExecutionAsync(new StopExecutionRequest { ExecutionArn = ExecutionArn });
        await client.StopExecutionAsync(new StopExecutionRequest { ExecutionArn = ExecutionArn });

        Assert.Equal(1, resolutions);
    }

    [Fact]
    public async Task A_failed_credential_resolution_is_not_remembered()
    {
        await using var peer = new StepFunctionsPeer().Answer(ScriptedResponse.Ok("""{"stopDate":1763694000}"""));
        var resolutions = 0;
        using var client = ClientFactory.For(peer, credentials: () => ++resolutions == 1
            ? throw new InvalidOperationException("instance metadata unreachable")
            : new BasicAWSCredentials(ClientFactory.AccessKey, ClientFactory.SecretKey));

        await Assert.ThrowsAnyAsync<Exception>(() => client.StopExecutionAsync(new StopExecutionRequest { ExecutionArn = ExecutionArn }));
        await client.StopExecutionAsync(new StopExecutionRequest { ExecutionArn = ExecutionArn });

        Assert.Equal(2, resolutions);
        Assert.Single(peer.Requests);
    }

    public static TheoryData<string, Func<IStepFunctionsClient, Task>, string, string> Operations => new()
    {
        {
            "DescribeExecution",
            client => client.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = ExecutionArn, IncludedData = "METADATA_ONLY" }),
            $$"""{"executionArn":"{{ExecutionArn}}","includedData":"METADATA_ONLY"}""",
            $$"""{"executionArn":"{{ExecutionArn}}","stateMachineArn":"{{StateMachineArn}}","status":"RUNNING","startDate":1763694000}"""
        },
        {
            "ListExecutions",
            client => client.ListExecutionsAsync(new ListExecutionsRequest { StateMachineArn = StateMachineArn, StatusFilter = ExecutionStatus.Failed, MaxResults = 50, NextToken = "page-2", RedriveFilter = RedriveValues.FilterNotRedriven }),
            $$"""{"stateMachineArn":"{{StateMachineArn}}","statusFilter":"FAILED","maxResults":50,"nextToken":"page-2","redriveFilter":"NOT_REDRIVEN"}""",
            """{"executions":[]}"""
        },
        {
            "GetExecutionHistory",
            client => client.GetExecutionHistoryAsync(new GetExecutionHistoryRequest { ExecutionArn = ExecutionArn, MaxResults = 1000, ReverseOrder = true, NextToken = "t", IncludeExecutionData = false }),
            $$"""{"executionArn":"{{ExecutionArn}}","maxResults":1000,"reverseOrder":true,"nextToken":"t","includeExecutionData":false}""",
            """{"events":[]}"""
        },
        {
            "StopExecution",
            client => client.StopExecutionAsync(new StopExecutionRequest { ExecutionArn = ExecutionArn, Error = "Operator.Stop", Cause = "stopped from the CLI" }),
            $$"""{"executionArn":"{{ExecutionArn}}","error":"Operator.Stop","cause":"stopped from the CLI"}""",
            """{"stopDate":1763694000}"""
        },
        {
            "RedriveExecution",
            client => client.RedriveExecutionAsync(new RedriveExecutionRequest { ExecutionArn = ExecutionArn, ClientToken = "redrive-1" }),
            $$"""{"executionArn":"{{ExecutionArn}}","clientToken":"redrive-1"}""",
            """{"redriveDate":1763694000}"""
        },
        {
            "StartExecution",
            client => client.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = StateMachineArn }),
            $$"""{"stateMachineArn":"{{StateMachineArn}}"}""",
            $$"""{"executionArn":"{{ExecutionArn}}","startDate":1763694000}"""
        },
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Each_operation_names_its_target_and_sends_only_the_fields_given(string operation, Func<IStepFunctionsClient, Task> call, string expectedBody, string answer)
    {
        await using var peer = new StepFunctionsPeer().Answer(ScriptedResponse.Ok(answer));
        using var client = ClientFactory.For(peer);

        await call(client);

        var sent = Assert.Single(peer.Requests);
        Assert.Equal("AWSStepFunctions." + operation, sent.Header("X-Amz-Target"));
        AssertJson(expectedBody, sent.Body);
    }

    [Fact]
    public void Without_an_override_the_endpoint_is_the_regional_service_url()
    {
        Assert.Equal(new Uri("https://states.us-east-1.amazonaws.com/"), new StepFunctionsClientOptions { Region = "us-east-1" }.Endpoint);
        Assert.Equal(new Uri("https://states.cn-north-1.amazonaws.com.cn/"), new StepFunctionsClientOptions { Region = "cn-north-1" }.Endpoint);
        Assert.Equal(new Uri("http://127.0.0.1:8083/"), new StepFunctionsClientOptions { Region = "us-east-1", ServiceUrl = new Uri("http://127.0.0.1:8083") }.Endpoint);
    }

    private static void AssertJson(string expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"expected {expected}\n but sent {actual}");
}
