namespace Orchestrator.StepFunctions.Tests;

/// <summary>Error responses become typed exceptions; throttling, 5xx and transport failures are retried, 4xx are not.</summary>
public sealed class ErrorAndRetryTests
{
    private static readonly StartExecutionRequest Start = new()
    {
        StateMachineArn = "arn:aws:states:eu-west-1:123456789012:stateMachine:run-job",
        Name = "nightly-report-20261121T0300Z",
        Input = "{}",
    };

    public static TheoryData<string, Type> TypedErrors => new()
    {
        { "ExecutionAlreadyExists", typeof(ExecutionAlreadyExistsException) },
        { "ExecutionDoesNotExist", typeof(ExecutionDoesNotExistException) },
        { "ExecutionNotRedrivable", typeof(ExecutionNotRedrivableException) },
        { "ExecutionLimitExceeded", typeof(ExecutionLimitExceededException) },
        { "StateMachineDoesNotExist", typeof(StateMachineDoesNotExistException) },
        { "StateMachineDeleting", typeof(StateMachineDeletingException) },
        { "InvalidName", typeof(InvalidNameException) },
        { "InvalidArn", typeof(InvalidArnException) },
        { "InvalidExecutionInput", typeof(InvalidExecutionInputException) },
        { "InvalidToken", typeof(InvalidTokenException) },
        { "ValidationException", typeof(ValidationException) },
        { "KmsAccessDeniedException", typeof(StepFunctionsException) },
    };

    [Theory]
    [MemberData(nameof(TypedErrors))]
    public async Task A_namespaced_error_type_maps_to_its_exception_with_aws_message(string code, Type expected)
    {
        await using var peer = new StepFunctionsPeer().Answer(ScriptedResponse.Error(400, "com.amazonaws.states#" + code, "what AWS said", requestId: "req-1"));
        using var client = ClientFactory.For(peer);

        var error = await Assert.ThrowsAnyAsync<StepFunctionsException>(() => client.StartExecutionAsync(Start));

        Assert.IsType(expected, error);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal("what AWS said", error.ServiceMessage);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("req-1", error.RequestId);
        Assert.Single(peer.Requests);
    }

    [Fact]
    public async Task A_plain_error_type_and_a_capitalised_message_key_are_understood()
    {
        await using var peer = new StepFunctionsPeer().Answer(new ScriptedResponse(400, """{"__type":"ExecutionAlreadyExists","Message":"Execution Already Exists: 'arn:...'"}"""));
        using var client = ClientFactory.For(peer);

        var error = await Assert.ThrowsAsync<ExecutionAlreadyExistsException>(() => client.StartExecutionAsync(Start));

        Assert.Equal("Execution Already Exists: 'arn:...'", error.ServiceMessage);
        Assert.Equal("ExecutionAlreadyExists: Execution Already Exists: 'arn:...'", error.Message);
    }

    [Fact]
    public async Task The_error_type_header_is_used_when_the_body_has_none_and_trailing_detail_is_dropped()
    {
        await using var peer = new StepFunctionsPeer().Answer(new ScriptedResponse(400, """{"message":"bad arn"}""",
            new Dictionary<string, string> { ["x-amzn-ErrorType"] = "InvalidArn:http://internal.amazon.com/coral/com.amazonaws.states/" }));
        using var client = ClientFactory.For(peer);

        var error = await Assert.ThrowsAsync<InvalidArnException>(() => client.StartExecutionAsync(Start));

        Assert.Equal("bad arn", error.ServiceMessage);
    }

    [Fact]
    public async Task A_client_error_is_not_retried()
    {
        await using var peer = new StepFunctionsPeer().Answer(ScriptedResponse.Error(400, "com.amazonaws.states#ExecutionAlreadyExists", "taken"));
        using var client = ClientFactory.For(peer, maxAttempts: 5);

        await Assert.ThrowsAsync<ExecutionAlreadyExistsException>(() => client.StartExecutionAsync(Start));

        Assert.Single(peer.Requests);
    }

    [Fact]
    public async Task A_server_error_is_retried_and_the_retry_is_signed_and_sent_like_the_first()
    {
        await using var peer = new StepFunctionsPeer().Answer(
            ScriptedResponse.Error(500, "InternalFailure", "oops"),
            ScriptedResponse.Ok("""{"executionArn":"arn:e","startDate":1763694000}"""));
        using var client = ClientFactory.For(peer);

        var started = await client.StartExecutionAsync(Start);

        Assert.Equal("arn:e", started.ExecutionArn);
        Assert.Equal(2, peer.Requests.Count);
        Assert.Equal(peer.Requests[0].Body, peer.Requests[1].Body);
        Assert.All(peer.Requests, sent =>
            Assert.Equal(SigV4Verifier.ExpectedSignature(sent, ClientFactory.SecretKey), SigV4Verifier.Parse(sent.Header("Authorization")).Signature));
    }

    [Fact]
    public async Task Throttling_is_retried_until_it_clears()
    {
        await using var peer = new StepFunctionsPeer().Answer(
            ScriptedResponse.Error(400, "ThrottlingException", "Rate exceeded"),
            ScriptedResponse.Error(429, "TooManyRequestsException", "slow down"),
            ScriptedResponse.Ok("""{"executionArn":"arn:e","startDate":1763694000}"""));
        using var client = ClientFactory.For(peer);

        await client.StartExecutionAsync(Start);

        Assert.Equal(3, peer.Requests.Count);
    }

    [Fact]
    public async Task When_retries_are_spent_the_last_error_is_thrown_typed()
    {
        await using var peer = new StepFunctionsPeer().Answer(ScriptedResponse.Error(400, "com.amazonaws.states#ThrottlingException", "Rate exceeded"));
        using var client = ClientFactory.For(peer, maxAttempts: 4);

        var error = await Assert.ThrowsAsync<ThrottlingException>(() => client.StartExecutionAsync(Start));

        Assert.Equal("Rate exceeded", error.ServiceMessage);
        Assert.Equal(4, peer.Requests.Count);
    }

    [Fact]
    public async Task A_non_json_gateway_error_is_retried_then_reported_by_its_status()
    {
        await using var peer = new StepFunctionsPeer().Answer(new ScriptedResponse(502, "<html>Bad Gateway</html>"));
        using var client = ClientFactory.For(peer, maxAttempts: 2);

        var error = await Assert.ThrowsAsync<StepFunctionsException>(() => client.StartExecutionAsync(Start));

        Assert.Equal("BadGateway", error.ErrorCode);
        Assert.Equal(502, error.StatusCode);
        Assert.Equal(2, peer.Requests.Count);
    }

    [Fact]
    public async Task A_refused_connection_is_retried_then_surfaces_as_the_transport_error()
    {
        var closedPort = Orchestrator.Testing.FreePort.Next();
        using var client = new StepFunctionsClient(new StepFunctionsClientOptions
        {
            Region = ClientFactory.Region,
            ServiceUrl = new Uri($"http://127.0.0.1:{closedPort}/"),
            ResolveCredentials = () => new Amazon.Runtime.BasicAWSCredentials(ClientFactory.AccessKey, ClientFactory.SecretKey),
            Retry = new StepFunctionsRetryOptions { MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(1) },
        });

        await Assert.ThrowsAsync<HttpRequestException>(() => client.StartExecutionAsync(Start));
    }

    [Fact]
    public async Task An_attempt_that_gets_no_answer_times_out_and_is_retried_then_reported_as_a_timeout()
    {
        await using var peer = new StepFunctionsPeer().Answer(ScriptedResponse.Silence);
        using var client = new StepFunctionsClient(new StepFunctionsClientOptions
        {
            Region = ClientFactory.Region,
            ServiceUrl = peer.Url,
            ResolveCredentials = () => new Amazon.Runtime.BasicAWSCredentials(ClientFactory.AccessKey, ClientFactory.SecretKey),
            AttemptTimeout = TimeSpan.FromMilliseconds(1),
            Retry = new StepFunctionsRetryOptions { MaxAttempts = 2, BaseDelay = TimeSpan.Zero },
        });

        var error = await Assert.ThrowsAsync<TimeoutException>(() => client.StartExecutionAsync(Start));

        Assert.Contains("StartExecution", error.Message, StringComparison.Ordinal);
        Assert.Contains("2 attempts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Caller_cancellation_stops_without_retrying()
    {
        await using var peer = new StepFunctionsPeer().Answer(ScriptedResponse.Error(500, "InternalFailure", "oops"));
        using var client = ClientFactory.For(peer);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.StartExecutionAsync(Start, cancelled.Token));
    }
}
