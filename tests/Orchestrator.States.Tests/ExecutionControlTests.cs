using System.Text.Json.Nodes;
using Orchestrator.States.Execution;
using Orchestrator.States.Integrations;

namespace Orchestrator.States.Tests;

/// <summary>A handler that blocks until released or cancelled, so tests can act while an execution is running.</summary>
internal sealed class GateHandler : ITaskHandler
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<TaskOutcome> _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Entered => _entered.Task;

    public void Release(TaskOutcome outcome) => _release.TrySetResult(outcome);

    public async ValueTask<TaskOutcome> InvokeAsync(TaskInvocation invocation, CancellationToken cancellation)
    {
        _entered.TrySetResult();
        return await _release.Task.WaitAsync(cancellation);
    }
}

public class ExecutionControlTests
{
    private const string Resource = "arn:aws:states:::test:step";

    [Fact]
    public async Task Stop_aborts_a_running_execution_and_cancels_its_task()
    {
        var gate = new GateHandler();
        var options = new EngineOptions { Time = new FakeTimeProvider(), Tasks = new TaskHandlerRegistry().Register(Resource, gate) };
        var execution = Run.Engine(options).Start(Run.Load("""{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"__RESOURCE__","End":true}}}""".Replace("__RESOURCE__", Resource, StringComparison.Ordinal)), new StartExecutionRequest());
        await gate.Entered;
        Assert.Equal(ExecutionStatus.Running, execution.Status);
        execution.Stop("Operator", "stopped by hand");
        var result = await execution.Completion;
        Assert.Equal(new ExecutionResult(ExecutionStatus.Aborted, null, "Operator", "stopped by hand"), result);
        Assert.Equal("ExecutionAborted", execution.History[^1].Type);
    }

    [Fact]
    public async Task TimeoutSeconds_at_top_level_times_the_execution_out()
    {
        var clock = new FakeTimeProvider();
        var result = await Run.Async("""{"TimeoutSeconds":30,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"End":true}}}""", "{}", new EngineOptions { Time = clock });
        Assert.Equal(ExecutionStatus.TimedOut, result.Status);
        Assert.Equal("States.Timeout", result.Error);
    }

    [Fact]
    public async Task A_run_within_TimeoutSeconds_succeeds()
    {
        var result = await Run.Async("""{"TimeoutSeconds":30,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"End":true}}}""");
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
    }

    [Fact]
    public async Task Redrive_resumes_at_the_failed_state_keeping_earlier_results_and_variables()
    {
        var step = new ScriptedHandler(TaskOutcome.Failure("Transient", "first try"), TaskOutcome.Success(Run.Json("""{"done":true}""")));
        var first = new ScriptedHandler(TaskOutcome.Success(Run.Json("\"prepared\"")));
        var options = new EngineOptions
        {
            Time = new FakeTimeProvider(),
            Tasks = new TaskHandlerRegistry().Register(Resource, step).Register("arn:aws:states:::test:prepare", first),
        };
        var definition = Run.Load("""
            {"StartAt":"Prepare","States":{
              "Prepare":{"Type":"Task","Resource":"arn:aws:states:::test:prepare","ResultPath":"$.prepared","Assign":{"v":"kept"},"Next":"Step"},
              "Step":{"Type":"Task","Resource":"__RESOURCE__","Parameters":{"prepared.$":"$.prepared","v.$":"$v","redrives.$":"$$.Execution.RedriveCount"},"End":true}}}
            """.Replace("__RESOURCE__", Resource, StringComparison.Ordinal));
        var execution = Run.Engine(options).Start(definition, new StartExecutionRequest { Input = Run.Json("{}") });
        var failed = await execution.Completion;
        Assert.Equal(("Transient", ExecutionStatus.Failed), (failed.Error, failed.Status));

        var redriven = await execution.RedriveAsync();
        Assert.Equal(ExecutionStatus.Succeeded, redriven.Status);
        Run.Equal("""{"done":true}""", redriven.Output);
        Assert.Single(first.Invocations);
        Run.Equal("""{"prepared":"prepared","v":"kept","redrives":1}""", step.Invocations[1].Parameters);
        Assert.Equal(1, execution.RedriveCount);
        var types = execution.History.Select(e => e.Type).ToList();
        Assert.Equal(1, types.Count(t => t == "ExecutionRedriven"));
        Assert.True(types.IndexOf("ExecutionRedriven") > types.IndexOf("ExecutionFailed"));
        Assert.Equal("ExecutionSucceeded", types[^1]);
    }

    [Fact]
    public async Task An_aborted_execution_can_be_redriven()
    {
        var gate = new GateHandler();
        var options = new EngineOptions { Time = new FakeTimeProvider(), Tasks = new TaskHandlerRegistry().Register(Resource, gate) };
        var execution = Run.Engine(options).Start(Run.Load("""{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"__RESOURCE__","End":true}}}""".Replace("__RESOURCE__", Resource, StringComparison.Ordinal)), new StartExecutionRequest());
        await gate.Entered;
        execution.Stop();
        await execution.Completion;
        gate.Release(TaskOutcome.Success(new JsonObject { ["after"] = "redrive" }));
        var result = await execution.RedriveAsync();
        Run.Equal("""{"after":"redrive"}""", result.Output);
    }

    [Fact]
    public async Task A_succeeded_execution_cannot_be_redriven()
    {
        var execution = Run.Engine().Start(Run.Load("""{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"""), new StartExecutionRequest());
        await execution.Completion;
        await Assert.ThrowsAsync<InvalidOperationException>(() => execution.RedriveAsync());
    }
}

public class ExecutionLimitsTests
{
    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("2024-05-01T02:00:00Z")]
    [InlineData("a/b")]
    [InlineData("star*")]
    public void Invalid_execution_names_are_explained(string name) => Assert.NotNull(Execution.ExecutionNames.Problem(name));

    [Theory]
    [InlineData("nightly-report-20261121T0300Z")]
    [InlineData("a.b+c_d")]
    public void Valid_execution_names_pass(string name) => Assert.Null(Execution.ExecutionNames.Problem(name));

    [Fact]
    public void Starting_with_an_invalid_name_is_rejected() =>
        Assert.Throws<ArgumentException>(() => Run.Engine().Start(Run.Load("""{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"""), new Execution.StartExecutionRequest { Name = "bad name" }));

    [Fact]
    public async Task An_output_over_256_KiB_is_States_DataLimitExceeded_which_States_ALL_does_not_catch()
    {
        var big = new string('x', 300 * 1024);
        var result = await Run.Async("""
            {"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}],
              "Catch":[{"ErrorEquals":["States.ALL"],"Next":"C"}],"End":true},"C":{"Type":"Pass","End":true}}}
            """, "{\"big\":\"" + big + "\"}");
        Assert.Equal("States.DataLimitExceeded", result.Error);
    }

    /// <summary>
    /// A ResultPath that sets one field is sized from the input's measured size plus the result; these put the output at
    /// exactly 256 KiB (runs) and one byte over (fails), so an off-by-one in that sum fails here. S0 passes the input
    /// through (the runner measures it); S1 sets the field. X is the padding.
    /// </summary>
    [Theory]
    [InlineData("new field", """{"Type":"Pass","Result":"yy","ResultPath":"$.r","End":true}""", """{"big":"X"}""", """{"big":"X","r":"yy"}""")]
    [InlineData("replaced field", """{"Type":"Pass","Result":"yyyy","ResultPath":"$.r","End":true}""", """{"big":"X","r":"z"}""", """{"big":"X","r":"yyyy"}""")]
    [InlineData("replaced object", """{"Type":"Pass","Result":"yyyyyyyyyyyy","ResultPath":"$.r","End":true}""", """{"r":{"a":[1,2]},"big":"X"}""", """{"r":"yyyyyyyyyyyy","big":"X"}""")]
    [InlineData("first field, non-ASCII name", """{"Type":"Pass","Parameters":{"v.$":"$.big"},"ResultPath":"$.é","OutputPath":"$","End":true}""", """{"big":"X"}""", """{"big":"X","é":{"v":"X"}}""")]
    [InlineData("caught error", """{"Type":"Parallel","Branches":[{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E","Cause":"c\"q"}}}],"Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Done"}],"End":true},"Done":{"Type":"Succeed"}""", """{"big":"X"}""", """{"big":"X","error":{"Error":"E","Cause":"c\"q"}}""")]
    public async Task A_ResultPath_field_is_sized_to_the_byte(string label, string secondState, string input, string output)
    {
        const int limit = 256 * 1024;
        var definition = """{"StartAt":"S0","States":{"S0":{"Type":"Pass","Next":"S1"},"S1":""" + secondState + "}}";
        var fixedBytes = System.Text.Encoding.UTF8.GetByteCount(output.Replace("X", "", StringComparison.Ordinal));
        var copies = output.Split('X').Length - 1; // the padding appears this many times in the output
        var padding = (limit - fixedBytes) / copies;
        string Padded(string json, int n) => json.Replace("X", new string('x', n), StringComparison.Ordinal);

        var fits = await Run.Async(definition, Padded(input, padding));
        Assert.True(fits.Status == ExecutionStatus.Succeeded, $"{label}: {fits.Error} {fits.Cause}");
        var printed = Json.JsonValues.ToJson(fits.Output);
        Assert.Equal(Padded(output, padding), printed);
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(printed), limit - copies + 1, limit);

        var over = await Run.Async(definition, Padded(input, padding + 1));
        Assert.True(over.Error == "States.DataLimitExceeded" && over.Cause!.Contains("'S1'", StringComparison.Ordinal),
            $"{label}: one padding byte more should fail S1 but was {over.StatusName} {over.Error}: {over.Cause}");
    }
}

public class HistoryQuotaTests
{
    [Fact]
    public async Task An_endless_loop_ends_FAILED_at_the_history_event_quota()
    {
        var execution = Run.Engine().Start(Run.Load("""{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"}}}"""), new Execution.StartExecutionRequest());
        var result = await execution.Completion;
        Assert.Equal(Execution.ExecutionStatus.Failed, result.Status);
        Assert.Equal("States.Runtime", result.Error);
        Assert.Contains("25000", result.Cause, StringComparison.Ordinal);
        Assert.Equal(History.ExecutionHistory.MaxEvents + 1, execution.History.Count);
        Assert.Equal("ExecutionFailed", execution.History[^1].Type);
    }
}
