using System.Text.Json.Nodes;
using Orchestrator.States.Execution;
using Orchestrator.States.Integrations;

namespace Orchestrator.States.Tests;

/// <summary>A task handler that answers from a script of outcomes and records what it was called with.</summary>
internal sealed class ScriptedHandler(params TaskOutcome[] outcomes) : ITaskHandler
{
    private int _calls;

    public List<TaskInvocation> Invocations { get; } = [];

    public ValueTask<TaskOutcome> InvokeAsync(TaskInvocation invocation, CancellationToken cancellation)
    {
        Invocations.Add(invocation);
        var index = Math.Min(_calls++, outcomes.Length - 1);
        return ValueTask.FromResult(outcomes[index]);
    }
}

public class TaskRetryCatchTests
{
    private const string Resource = "arn:aws:states:::test:work";

    private static string Machine(string retryAndCatch) => """
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"__RESOURCE__","Parameters":{"x.$":"$.x","retry.$":"$$.State.RetryCount"},
          "ResultSelector":{"got.$":"$.value"},"ResultPath":"$.result",__RETRY__"End":true},
         "Recover":{"Type":"Pass","End":true}}}
        """.Replace("__RESOURCE__", Resource, StringComparison.Ordinal).Replace("__RETRY__", retryAndCatch.Contains("\"Catch\"", StringComparison.Ordinal) ? retryAndCatch : retryAndCatch + "\"Catch\":[{\"ErrorEquals\":[\"Never\"],\"Next\":\"Recover\"}],", StringComparison.Ordinal);

    private static (EngineOptions Options, FakeTimeProvider Clock) Options(ITaskHandler handler)
    {
        var clock = new FakeTimeProvider();
        return (new EngineOptions { Time = clock, Tasks = new TaskHandlerRegistry().Register(Resource, handler), RandomSeed = 3 }, clock);
    }

    [Fact]
    public async Task Task_pipeline_applies_Parameters_ResultSelector_ResultPath()
    {
        var handler = new ScriptedHandler(TaskOutcome.Success(Run.Json("""{"value":42,"noise":true}""")));
        var (options, _) = Options(handler);
        Run.Equal("""{"x":1,"result":{"got":42}}""", await Run.Output(Machine(""), """{"x":1}""", options));
        Run.Equal("""{"x":1,"retry":0}""", handler.Invocations[0].Parameters);
    }

    [Fact]
    public async Task Retry_backs_off_exponentially_on_the_fake_clock()
    {
        var handler = new ScriptedHandler(TaskOutcome.Failure("Flaky", "1"), TaskOutcome.Failure("Flaky", "2"), TaskOutcome.Failure("Flaky", "3"),
            TaskOutcome.Success(Run.Json("""{"value":"ok"}""")));
        var (options, clock) = Options(handler);
        var output = await Run.Output(Machine("""
            "Retry":[{"ErrorEquals":["Other"],"MaxAttempts":5},{"ErrorEquals":["Flaky"],"IntervalSeconds":2,"BackoffRate":3,"MaxAttempts":3}],
            """), """{"x":1}""", options);
        Run.Equal("""{"x":1,"result":{"got":"ok"}}""", output);
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(18)], clock.Advances);
        Assert.Equal([0, 1, 2, 3], handler.Invocations.Select(i => i.Parameters!["retry"]!.GetValue<int>()));
    }

    [Fact]
    public async Task MaxDelaySeconds_caps_the_backoff()
    {
        var handler = new ScriptedHandler(TaskOutcome.Failure("Flaky", null), TaskOutcome.Failure("Flaky", null), TaskOutcome.Failure("Flaky", null), TaskOutcome.Success(Run.Json("""{"value":1}""")));
        var (options, clock) = Options(handler);
        await Run.Output(Machine("""
            "Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":10,"BackoffRate":10,"MaxDelaySeconds":50,"MaxAttempts":3}],
            """), "{\"x\":1}", options);
        Assert.Equal([TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(50)], clock.Advances);
    }

    [Fact]
    public async Task Full_jitter_never_exceeds_the_backoff()
    {
        var handler = new ScriptedHandler(TaskOutcome.Failure("Flaky", null), TaskOutcome.Failure("Flaky", null), TaskOutcome.Success(Run.Json("""{"value":1}""")));
        var (options, clock) = Options(handler);
        await Run.Output(Machine("""
            "Retry":[{"ErrorEquals":["Flaky"],"IntervalSeconds":4,"BackoffRate":2,"JitterStrategy":"FULL"}],
            """), "{\"x\":1}", options);
        Assert.Equal(2, clock.Advances.Count);
        Assert.InRange(clock.Advances[0], TimeSpan.Zero, TimeSpan.FromSeconds(4));
        Assert.InRange(clock.Advances[1], TimeSpan.Zero, TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task Exhausted_retries_fall_through_to_Catch_with_ResultPath()
    {
        var handler = new ScriptedHandler(TaskOutcome.Failure("Flaky", "still broken"));
        var (options, _) = Options(handler);
        var output = await Run.Output(Machine("""
            "Retry":[{"ErrorEquals":["Flaky"],"MaxAttempts":2,"IntervalSeconds":1}],
            "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Recover"}],
            """), """{"x":1}""", options);
        Run.Equal("""{"x":1,"error":{"Error":"Flaky","Cause":"still broken"}}""", output);
        Assert.Equal(3, handler.Invocations.Count);
    }

    [Fact]
    public async Task MaxAttempts_zero_never_retries()
    {
        var handler = new ScriptedHandler(TaskOutcome.Failure("Flaky", null));
        var (options, _) = Options(handler);
        var result = await Run.Async(Machine("""
            "Retry":[{"ErrorEquals":["Flaky"],"MaxAttempts":0}],
            """), """{"x":1}""", options);
        Assert.Equal("Flaky", result.Error);
        Assert.Single(handler.Invocations);
    }

    [Fact]
    public async Task States_ALL_does_not_catch_States_Runtime()
    {
        var handler = new ScriptedHandler(TaskOutcome.Success(Run.Json("{}")));
        var (options, _) = Options(handler);
        var result = await Run.Async(Machine("""
            "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Recover"}],
            """), """{"x":1}""", options);
        Assert.Equal("States.Runtime", result.Error);
    }

    [Fact]
    public async Task TimeoutSeconds_cancels_the_handler_and_fails_with_States_Timeout()
    {
        var clock = new FakeTimeProvider();
        var handler = new SlowHandler(clock, TimeSpan.FromMinutes(5));
        var options = new EngineOptions { Time = clock, Tasks = new TaskHandlerRegistry().Register(Resource, handler) };
        var result = await Run.Async("""{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"__RESOURCE__","TimeoutSeconds":60,"End":true}}}""".Replace("__RESOURCE__", Resource, StringComparison.Ordinal), "{}", options);
        Assert.Equal("States.Timeout", result.Error);
        Assert.True(handler.WasCancelled);
    }

    [Fact]
    public async Task States_TaskFailed_does_not_catch_a_timeout_but_States_Timeout_does()
    {
        var clock = new FakeTimeProvider();
        var options = new EngineOptions { Time = clock, Tasks = new TaskHandlerRegistry().Register(Resource, new SlowHandler(clock, TimeSpan.FromMinutes(5))) };
        var machine = """
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"__RESOURCE__","TimeoutSecondsPath":"$.t","End":true,
              "Catch":[{"ErrorEquals":["States.TaskFailed"],"Next":"A"},{"ErrorEquals":["States.Timeout"],"Next":"B"}]},
             "A":{"Type":"Pass","Result":"task-failed","End":true},"B":{"Type":"Pass","Result":"timeout","End":true}}}
            """.Replace("__RESOURCE__", Resource, StringComparison.Ordinal);
        Run.Equal("\"timeout\"", await Run.Output(machine, """{"t":30}""", options));
    }

    [Fact]
    public async Task A_resource_with_no_handler_names_the_state_and_resource()
    {
        var result = await Run.Async("""{"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","End":true}}}""");
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Contains("'Work'", result.Cause, StringComparison.Ordinal);
        Assert.Contains("arn:aws:states:::sqs:sendMessage", result.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Catch_Assign_sees_the_error_output()
    {
        var handler = new ScriptedHandler(TaskOutcome.Failure("Oops", "why"));
        var (options, _) = Options(handler);
        var output = await Run.Output("""
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"__RESOURCE__","End":true,
              "Catch":[{"ErrorEquals":["Oops"],"Assign":{"why.$":"$.Cause"},"Next":"R"}]},
             "R":{"Type":"Pass","Parameters":{"saved.$":"$why"},"End":true}}}
            """.Replace("__RESOURCE__", Resource, StringComparison.Ordinal), "{}", options);
        Run.Equal("""{"saved":"why"}""", output);
    }
}

/// <summary>A handler whose work takes longer than the test's timeout: it moves the fake clock on, then waits to be cancelled.</summary>
internal sealed class SlowHandler(FakeTimeProvider clock, TimeSpan duration) : ITaskHandler
{
    public bool WasCancelled { get; private set; }

    public async ValueTask<TaskOutcome> InvokeAsync(TaskInvocation invocation, CancellationToken cancellation)
    {
        clock.Advance(duration);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellation);
        }
        catch (OperationCanceledException)
        {
            WasCancelled = true;
            throw;
        }

        return TaskOutcome.Success(new JsonObject());
    }
}
