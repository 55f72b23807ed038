using Orchestrator.States.Execution;
using Orchestrator.States.Integrations;

namespace Orchestrator.States.Tests;

public class MockedResponsesTests
{
    private const string Config = """
        {"StateMachines":{"LambdaSQSIntegration":{"TestCases":{
            "HappyPath":{"LambdaState":"MockedLambdaSuccess"},
            "RetryPath":{"LambdaState":"MockedLambdaRetry"}}}},
         "MockedResponses":{
            "MockedLambdaSuccess":{"0":{"Return":{"StatusCode":200,"Payload":{"body":"hi"}}}},
            "MockedLambdaRetry":{"0":{"Throw":{"Error":"Lambda.ResourceNotReadyException","Cause":"not ready"}},
                                 "1-2":{"Throw":{"Error":"Lambda.TimeoutException","Cause":"slow"}},
                                 "3":{"Return":{"StatusCode":200,"Payload":{"body":"finally"}}}}}}
        """;

    private const string Machine = """
        {"StartAt":"LambdaState","States":{"LambdaState":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","OutputPath":"$.Payload",
          "Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":1,"MaxAttempts":3}],"End":true}}}
        """;

    [Fact]
    public async Task A_test_case_returns_its_mocked_response()
    {
        var mocks = MockedTaskResponses.FromConfiguration(Config, "LambdaSQSIntegration", "HappyPath");
        Run.Equal("""{"body":"hi"}""", await Run.Output(Machine, "{}", new EngineOptions { Time = new FakeTimeProvider(), Mocks = mocks }));
    }

    [Fact]
    public async Task Invocation_ranges_count_retries_from_zero()
    {
        var clock = new FakeTimeProvider();
        var mocks = MockedTaskResponses.FromConfiguration(Config, "LambdaSQSIntegration", "RetryPath");
        Run.Equal("""{"body":"finally"}""", await Run.Output(Machine, "{}", new EngineOptions { Time = clock, Mocks = mocks }));
        Assert.Equal(3, clock.Advances.Count);
    }

    [Fact]
    public async Task Running_out_of_mocked_invocations_fails_clearly()
    {
        var mocks = MockedTaskResponses.FromResponsesByState("""{"LambdaState":{"0":{"Throw":{"Error":"Boom","Cause":"x"}}}}""");
        var result = await Run.Async(Machine, "{}", new EngineOptions { Time = new FakeTimeProvider(), Mocks = mocks });
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Contains("invocation 1", result.Cause, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"StateMachines":{}}""", "MockedResponses")]
    [InlineData("""{"StateMachines":{"M":{"TestCases":{}}},"MockedResponses":{}}""", "test case 'HappyPath'")]
    [InlineData("""{"StateMachines":{"M":{"TestCases":{"HappyPath":{"S":"Missing"}}}},"MockedResponses":{}}""", "'Missing'")]
    [InlineData("""{"StateMachines":{"M":{"TestCases":{"HappyPath":{"S":"R"}}}},"MockedResponses":{"R":{"x":{"Return":1}}}}""", "invocation key 'x'")]
    [InlineData("""{"StateMachines":{"M":{"TestCases":{"HappyPath":{"S":"R"}}}},"MockedResponses":{"R":{"0":{}}}}""", "Return or Throw")]
    [InlineData("not json", "not valid JSON")]
    public void Bad_configurations_are_explained(string json, string expected)
    {
        var error = Assert.Throws<MockConfigurationException>(() => MockedTaskResponses.FromConfiguration(json, "M", "HappyPath"));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mocks_take_precedence_over_registered_handlers()
    {
        var mocks = MockedTaskResponses.FromResponsesByState("""{"S":{"0":{"Return":{"a":1}}}}""");
        Assert.True(mocks.Mocks("S"));
        Assert.IsType<TaskSucceeded>(mocks.For("S", 0));
        Assert.Null(mocks.For("Other", 0));
    }
}
