using System.Text.Json;
using Orchestrator.States.Execution;
using Orchestrator.States.History;
using Orchestrator.States.Integrations;

namespace Orchestrator.States.Tests;

public class HistoryTests
{
    [Fact]
    public async Task A_simple_run_records_AWS_event_types_in_order()
    {
        var handler = new ScriptedHandler(TaskOutcome.Success(Run.Json("""{"ok":true}""")));
        var options = new EngineOptions { Time = new FakeTimeProvider(), Tasks = new TaskHandlerRegistry().Register("arn:aws:states:::ecs:runTask", handler) };
        var execution = Run.Engine(options).Start(Run.Load("""
            {"StartAt":"P","States":{"P":{"Type":"Pass","Next":"C"},
             "C":{"Type":"Choice","Choices":[{"Variable":"$.go","BooleanEquals":true,"Next":"T"}],"Default":"W"},
             "T":{"Type":"Task","Resource":"arn:aws:states:::ecs:runTask","Next":"W"},
             "W":{"Type":"Wait","Seconds":1,"Next":"S"},"S":{"Type":"Succeed"}}}
            """), new StartExecutionRequest { Input = Run.Json("""{"go":true}""") });
        await execution.Completion;
        Assert.Equal(
            [
                "ExecutionStarted", "PassStateEntered", "PassStateExited", "ChoiceStateEntered", "ChoiceStateExited",
                "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited",
                "WaitStateEntered", "WaitStateExited", "SucceedStateEntered", "SucceedStateExited", "ExecutionSucceeded",
            ],
            execution.History.Select(e => e.Type));
        Assert.Equal(Enumerable.Range(1, execution.History.Count).Select(i => (long)i), execution.History.Select(e => e.Id));
        Assert.All(execution.History.Skip(1), e => Assert.Equal(e.Id - 1, e.PreviousEventId));
        var scheduled = execution.History.Single(e => e.Type == "TaskScheduled").TaskScheduledEventDetails!;
        Assert.Equal(("ecs", "runTask", "us-east-1"), (scheduled.ResourceType, scheduled.Resource, scheduled.Region));
    }

    [Fact]
    public async Task Map_and_parallel_record_their_events()
    {
        var execution = Run.Engine().Start(Run.Load("""
            {"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"Next":"P"},
             "P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}],"End":true}}}
            """), new StartExecutionRequest { Input = Run.Json("[1,2]") });
        await execution.Completion;
        var types = execution.History.Select(e => e.Type).ToList();
        Assert.Equal(2, types.Count(t => t == "MapIterationStarted"));
        Assert.Equal(2, types.Count(t => t == "MapIterationSucceeded"));
        Assert.Contains("MapStateStarted", types);
        Assert.Contains("MapStateSucceeded", types);
        Assert.Contains("ParallelStateStarted", types);
        Assert.Contains("ParallelStateSucceeded", types);
        Assert.Equal(2, execution.History.Single(e => e.Type == "MapStateStarted").MapStateStartedEventDetails!.Length);
    }

    [Fact]
    public async Task A_failed_run_ends_with_ExecutionFailed_and_failed_task_events()
    {
        var handler = new ScriptedHandler(TaskOutcome.Failure("Boom", "it broke"));
        var options = new EngineOptions { Time = new FakeTimeProvider(), Tasks = new TaskHandlerRegistry().Register("arn:aws:states:::ecs:runTask", handler) };
        var execution = Run.Engine(options).Start(Run.Load("""{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::ecs:runTask","End":true}}}"""), new StartExecutionRequest());
        await execution.Completion;
        var failed = execution.History.Single(e => e.Type == "TaskFailed").TaskFailedEventDetails!;
        Assert.Equal(("Boom", "it broke"), (failed.Error, failed.Cause));
        var last = execution.History[^1];
        Assert.Equal("ExecutionFailed", last.Type);
        Assert.Equal(("Boom", "it broke"), (last.ExecutionFailedEventDetails!.Error, last.ExecutionFailedEventDetails.Cause));
    }

    [Fact]
    public async Task Events_serialize_to_the_GetExecutionHistory_shape()
    {
        var execution = Run.Engine().Start(Run.Load("""{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"""), new StartExecutionRequest { Input = Run.Json("""{"a":1}""") });
        await execution.Completion;
        var json = JsonSerializer.Serialize(execution.History, HistoryJsonContext.Default.IReadOnlyListHistoryEvent);
        using var document = JsonDocument.Parse(json);
        var started = document.RootElement[0];
        Assert.Equal("ExecutionStarted", started.GetProperty("type").GetString());
        Assert.Equal(1, started.GetProperty("id").GetInt64());
        Assert.Equal(JsonValueKind.Number, started.GetProperty("timestamp").ValueKind);
        Assert.Equal("{\"a\":1}", started.GetProperty("executionStartedEventDetails").GetProperty("input").GetString());
        Assert.False(started.GetProperty("executionStartedEventDetails").GetProperty("inputDetails").GetProperty("truncated").GetBoolean());
        Assert.False(started.TryGetProperty("stateEnteredEventDetails", out _));
        var entered = document.RootElement[1];
        Assert.Equal("P", entered.GetProperty("stateEnteredEventDetails").GetProperty("name").GetString());
        Assert.Equal(1, entered.GetProperty("previousEventId").GetInt64());

        var roundTrip = JsonSerializer.Deserialize(json, HistoryJsonContext.Default.ListHistoryEvent)!;
        Assert.Equal(execution.History.Select(e => e.Type), roundTrip.Select(e => e.Type));
    }
}
