using Orchestrator.States.Execution;
using Orchestrator.States.Integrations;

namespace Orchestrator.States.Tests;

/// <summary>StartInline runs an execution on the caller until it first has to wait (batch runners: states run/test, the bench).</summary>
public sealed class StartInlineTests
{
    private const string PassOnly = """{"StartAt":"A","States":{"A":{"Type":"Pass","Result":{"done":true},"End":true}}}""";

    private const string WaitsOnTask = """
        {"StartAt":"Before","States":{
          "Before":{"Type":"Pass","Next":"Call"},
          "Call":{"Type":"Task","Resource":"arn:aws:states:::test:gate","End":true}}}
        """;

    [Fact]
    public void Inline_a_run_that_never_waits_has_ended_when_Start_returns()
    {
        var engine = Run.Engine(new EngineOptions { Time = new VirtualTimeProvider(), StartInline = true });
        var execution = engine.Start(Run.Load(PassOnly), new StartExecutionRequest { Name = "inline" });

        Assert.True(execution.Completion.IsCompleted);
        Assert.Equal(ExecutionStatus.Succeeded, execution.Status);
        Run.Equal("""{"done":true}""", execution.Result!.Output);
    }

    [Fact]
    public async Task Inline_Start_returns_a_running_execution_at_the_first_wait_and_it_finishes_when_the_wait_ends()
    {
        var gate = new GateHandler();
        var engine = Run.Engine(new EngineOptions { Time = new VirtualTimeProvider(), StartInline = true, Tasks = new TaskHandlerRegistry().Register("arn:aws:states:::test:gate", gate) });
        var caller = Environment.CurrentManagedThreadId;
        var execution = engine.Start(Run.Load(WaitsOnTask), new StartExecutionRequest { Name = "inline-wait" });

        // The Pass state and the Task's call ran on this thread, before Start returned; the call is now waiting.
        Assert.True(gate.Called.Task.IsCompleted);
        Assert.Equal(caller, gate.CalledOnThread);
        Assert.Equal(ExecutionStatus.Running, execution.Status);
        Assert.False(execution.Completion.IsCompleted);

        gate.Release.SetResult(TaskOutcome.Success(System.Text.Json.Nodes.JsonValue.Create("ok")));
        var result = await execution.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
    }

    [Fact]
    public async Task Inline_runs_can_still_be_stopped_while_they_wait()
    {
        var gate = new GateHandler();
        var engine = Run.Engine(new EngineOptions { Time = new VirtualTimeProvider(), StartInline = true, Tasks = new TaskHandlerRegistry().Register("arn:aws:states:::test:gate", gate) });
        var execution = engine.Start(Run.Load(WaitsOnTask), new StartExecutionRequest { Name = "inline-stop" });

        execution.Stop("Stopped", "by the test");
        var result = await execution.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(ExecutionStatus.Aborted, result.Status);
        Assert.Equal("Stopped", result.Error);
    }

    private sealed class GateHandler : ITaskHandler
    {
        public TaskCompletionSource Called { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<TaskOutcome> Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int CalledOnThread { get; private set; }

        public async ValueTask<TaskOutcome> InvokeAsync(TaskInvocation invocation, CancellationToken cancellation)
        {
            CalledOnThread = Environment.CurrentManagedThreadId;
            Called.TrySetResult();
            return await Release.Task.WaitAsync(cancellation);
        }
    }
}
