using System.Text.Json.Nodes;
using Orchestrator.States.Execution;
using Orchestrator.States.History;
using Orchestrator.States.Integrations;
using Orchestrator.States.Json;

namespace Orchestrator.States.Tests;

/// <summary>
/// Task Parameters are resolved when the state runs and built into nodes only when read (by the integration or the
/// history). What the integration and the history see must be what the state saw, and a bad path must still fail the
/// state before the task is scheduled.
/// </summary>
public sealed class PreparedParametersTests
{
    private const string Resource = "arn:aws:states:::test:echo";

    private const string Definition = """
        {"StartAt":"Call","States":{
          "Call":{"Type":"Task","Resource":"arn:aws:states:::test:echo",
            "Parameters":{"job.$":"$.job","name.$":"$$.Execution.Name","retry.$":"$$.State.RetryCount",
              "sum.$":"States.MathAdd($.n, 1)","fixed":{"a":[1,{"b":"c"}]},"list":[{"v.$":"$.job"},"x"]},
            "ResultPath":"$.out","Next":"Change"},
          "Change":{"Type":"Pass","Result":"changed","ResultPath":"$.job","End":true}}}
        """;

    private const string Expected = """{"job":"nightly","name":"prepared","retry":0,"sum":42,"fixed":{"a":[1,{"b":"c"}]},"list":[{"v":"nightly"},"x"]}""";

    [Fact]
    public async Task The_integration_receives_the_parameters_as_evaluated_when_the_state_ran()
    {
        var echo = new EchoHandler();
        var execution = Start(new EngineOptions { Time = new VirtualTimeProvider(), Tasks = new TaskHandlerRegistry().Register(Resource, echo) });
        var result = await execution.Completion;

        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.Equal(Expected, echo.Received);
        Run.Equal(Expected, result.Output!["out"]);
        Assert.Equal("changed", result.Output!["job"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_mocked_task_records_its_parameters_in_history_eagerly_or_when_read(bool eager)
    {
        var mocks = MockedTaskResponses.FromResponsesByState("""{"Call":{"0":{"Return":{"ok":true}}}}""");
        var execution = Start(new EngineOptions { Time = new VirtualTimeProvider(), Mocks = mocks, EagerHistoryPayloads = eager, StartInline = true });
        await execution.Completion;

        // Read after a later state changed $.job in its own copy: the recorded parameters still say "nightly".
        var scheduled = execution.History.Single(e => e.Type == HistoryEventTypes.TaskScheduled);
        Assert.Equal(Expected, scheduled.TaskScheduledEventDetails!.Parameters);
    }

    [Fact]
    public async Task A_missing_path_fails_the_state_before_the_task_is_scheduled()
    {
        var echo = new EchoHandler();
        var engine = Run.Engine(new EngineOptions { Time = new VirtualTimeProvider(), Tasks = new TaskHandlerRegistry().Register(Resource, echo) });
        var execution = engine.Start(Run.Load(Definition), new StartExecutionRequest { Name = "missing", Input = JsonValues.Parse("""{"n":41}""") });
        var result = await execution.Completion;

        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal("States.Runtime", result.Error);
        Assert.Contains("'$.job'", result.Cause, StringComparison.Ordinal);
        Assert.DoesNotContain(execution.History, e => e.Type == HistoryEventTypes.TaskScheduled);
        Assert.Null(echo.Received);
    }

    private static StateMachineExecution Start(EngineOptions options) =>
        Run.Engine(options).Start(Run.Load(Definition), new StartExecutionRequest { Name = "prepared", Input = JsonValues.Parse("""{"job":"nightly","n":41}""") });

    private sealed class EchoHandler : ITaskHandler
    {
        public string? Received { get; private set; }

        public ValueTask<TaskOutcome> InvokeAsync(TaskInvocation invocation, CancellationToken cancellation)
        {
            Received = JsonValues.ToJson(invocation.Parameters);
            return ValueTask.FromResult(TaskOutcome.Success(JsonValues.Clone(invocation.Parameters)));
        }
    }
}
