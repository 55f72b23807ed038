using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Orchestrator.States.Execution;
using Orchestrator.States.Integrations;

namespace Orchestrator.States.Tests;

/// <summary>Fails the first call for one item value, succeeds otherwise; counts calls per value.</summary>
internal sealed class FailOnceFor(int failingValue) : ITaskHandler
{
    public ConcurrentDictionary<int, int> Calls { get; } = new();

    public ValueTask<TaskOutcome> InvokeAsync(TaskInvocation invocation, CancellationToken cancellation)
    {
        var value = invocation.Parameters!["v"]!.GetValue<int>();
        var calls = Calls.AddOrUpdate(value, 1, (_, n) => n + 1);
        return ValueTask.FromResult(value == failingValue && calls == 1
            ? TaskOutcome.Failure("Transient", "item " + value)
            : TaskOutcome.Success(new JsonObject { ["done"] = value }));
    }
}

public class RedriveChildrenTests
{
    private const string Resource = "arn:aws:states:::test:item";

    private static EngineOptions Options(ITaskHandler handler) => new() { Time = new FakeTimeProvider(), Tasks = new TaskHandlerRegistry().Register(Resource, handler) };

    [Fact]
    public async Task Redriving_a_failed_map_reruns_only_the_failed_iterations()
    {
        var handler = new FailOnceFor(2);
        var execution = Run.Engine(Options(handler)).Start(Run.Load("""
            {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":1,"ItemSelector":{"v.$":"$$.Map.Item.Value"},
              "ItemProcessor":{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::test:item","End":true}}},"End":true}}}
            """), new StartExecutionRequest { Input = Run.Json("[1,2,3]") });
        var failed = await execution.Completion;
        Assert.Equal("Transient", failed.Error);

        var redriven = await execution.RedriveAsync();
        Run.Equal("""[{"done":1},{"done":2},{"done":3}]""", redriven.Output);
        Assert.Equal(1, handler.Calls[1]);
        Assert.Equal(2, handler.Calls[2]);
    }

    [Fact]
    public async Task Redriving_a_failed_parallel_reruns_only_the_failed_branch()
    {
        var handler = new FailOnceFor(2);
        var execution = Run.Engine(Options(handler)).Start(Run.Load("""
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::test:item","Parameters":{"v":1},"End":true}}},
              {"StartAt":"B","States":{"B":{"Type":"Task","Resource":"arn:aws:states:::test:item","Parameters":{"v":2},"End":true}}}]}}}
            """), new StartExecutionRequest());
        Assert.Equal(ExecutionStatus.Failed, (await execution.Completion).Status);
        var redriven = await execution.RedriveAsync();
        Run.Equal("""[{"done":1},{"done":2}]""", redriven.Output);
        Assert.Equal(1, handler.Calls[1]);
        Assert.Equal(2, handler.Calls[2]);
    }

    [Fact]
    public async Task A_retry_of_a_map_reruns_every_iteration()
    {
        var handler = new FailOnceFor(2);
        var output = await Run.Output("""
            {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":1,"ItemSelector":{"v.$":"$$.Map.Item.Value"},"Retry":[{"ErrorEquals":["Transient"]}],
              "ItemProcessor":{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::test:item","End":true}}},"End":true}}}
            """, "[1,2]", Options(handler));
        Run.Equal("""[{"done":1},{"done":2}]""", output);
        Assert.Equal(2, handler.Calls[1]);
    }
}
