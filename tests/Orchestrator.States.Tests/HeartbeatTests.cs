using System.Text.Json.Nodes;
using Orchestrator.States.Execution;
using Orchestrator.States.Integrations;

namespace Orchestrator.States.Tests;

/// <summary>A handler that works in steps on the fake clock, sending a heartbeat after each step when asked to.</summary>
internal sealed class SteppingHandler(FakeTimeProvider clock, TimeSpan step, int steps, bool heartbeat) : ITaskHandler
{
    public async ValueTask<TaskOutcome> InvokeAsync(TaskInvocation invocation, CancellationToken cancellation)
    {
        for (var i = 0; i < steps; i++)
        {
            clock.Advance(step);
            cancellation.ThrowIfCancellationRequested();
            if (heartbeat)
            {
                invocation.Heartbeat?.Invoke();
            }

            await Task.Yield();
        }

        return TaskOutcome.Success(new JsonObject { ["steps"] = steps });
    }
}

public class HeartbeatTests
{
    private const string Resource = "arn:aws:states:::activity:work";

    private const string Machine = """
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::activity:work","HeartbeatSeconds":30,"TimeoutSeconds":3600,"End":true}}}
        """;

    private static EngineOptions Options(FakeTimeProvider clock, ITaskHandler handler) =>
        new() { Time = clock, Tasks = new TaskHandlerRegistry().Register(Resource, handler) };

    [Fact]
    public async Task Regular_heartbeats_keep_a_long_task_alive()
    {
        var clock = new FakeTimeProvider();
        var output = await Run.Output(Machine, "{}", Options(clock, new SteppingHandler(clock, TimeSpan.FromSeconds(20), 6, heartbeat: true)));
        Run.Equal("""{"steps":6}""", output);
        Assert.Equal(TimeSpan.FromSeconds(120), clock.Elapsed);
    }

    [Fact]
    public async Task A_missed_heartbeat_fails_with_States_HeartbeatTimeout()
    {
        var clock = new FakeTimeProvider();
        var execution = Run.Engine(Options(clock, new SteppingHandler(clock, TimeSpan.FromSeconds(20), 6, heartbeat: false))).Start(Run.Load(Machine), new StartExecutionRequest());
        var result = await execution.Completion;
        Assert.Equal("States.HeartbeatTimeout", result.Error);
        Assert.Contains(execution.History, e => e.Type == "TaskTimedOut" && e.TaskTimedOutEventDetails!.Error == "States.HeartbeatTimeout");
    }
}
