using Orchestrator.States.Execution;

namespace Orchestrator.States.Tests;

public class VariablesAndContextTests
{
    [Fact]
    public async Task Assigned_variables_are_visible_to_later_states()
    {
        const string definition = """
            {"StartAt":"A","States":{"A":{"Type":"Pass","Result":{"n":5},"Assign":{"n.$":"$.n","label":"five"},"Next":"B"},
             "B":{"Type":"Pass","Parameters":{"n.$":"$n","label.$":"$label","sum.$":"States.MathAdd($n, 1)"},"End":true}}}
            """;
        Run.Equal("""{"n":5,"label":"five","sum":6}""", await Run.Output(definition));
    }

    [Fact]
    public async Task All_assignments_of_a_state_see_the_values_before_it()
    {
        const string definition = """
            {"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"x":1},"Next":"B"},
             "B":{"Type":"Pass","Assign":{"x":2,"old.$":"$x"},"Next":"C"},
             "C":{"Type":"Pass","Parameters":{"x.$":"$x","old.$":"$old"},"End":true}}}
            """;
        Run.Equal("""{"x":2,"old":1}""", await Run.Output(definition));
    }

    [Fact]
    public async Task Map_iterations_read_outer_variables_but_do_not_change_them()
    {
        const string definition = """
            {"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"x":"outer","items":[1,2]},"Next":"M"},
             "M":{"Type":"Map","ItemsPath":"$items","ItemProcessor":{"StartAt":"I","States":{
               "I":{"Type":"Pass","Assign":{"x":"inner"},"Next":"J"},
               "J":{"Type":"Pass","Parameters":{"seen.$":"$x"},"End":true}}},"ResultPath":"$.r","Next":"B"},
             "B":{"Type":"Pass","Parameters":{"x.$":"$x","r.$":"$.r"},"End":true}}}
            """;
        Run.Equal("""{"x":"outer","r":[{"seen":"inner"},{"seen":"inner"}]}""", await Run.Output(definition));
    }

    [Fact]
    public async Task An_undefined_variable_is_States_Runtime()
    {
        var result = await Run.Async("""{"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"x.$":"$nope"},"End":true}}}""");
        Assert.Equal("States.Runtime", result.Error);
    }

    [Fact]
    public async Task Choice_rule_Assign_applies_only_for_the_matching_rule()
    {
        const string definition = """
            {"StartAt":"C","States":{"C":{"Type":"Choice","Assign":{"s":"default"},"Default":"E",
              "Choices":[{"Variable":"$.v","NumericEquals":1,"Assign":{"s":"one"},"Next":"E"}]},
             "E":{"Type":"Pass","Parameters":{"s.$":"$s"},"End":true}}}
            """;
        Run.Equal("""{"s":"one"}""", await Run.Output(definition, """{"v":1}"""));
        Run.Equal("""{"s":"default"}""", await Run.Output(definition, """{"v":2}"""));
    }

    [Fact]
    public async Task Context_object_has_execution_state_and_state_machine_fields()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero));
        var engine = new StateMachineEngine(new EngineOptions { Time = clock, Region = "eu-west-1", AccountId = "111122223333" });
        var definition = Run.Load("""
            {"StartAt":"Wait","States":{"Wait":{"Type":"Wait","Seconds":10,"Next":"Ctx"},
             "Ctx":{"Type":"Pass","Parameters":{"id.$":"$$.Execution.Id","name.$":"$$.Execution.Name","input.$":"$$.Execution.Input",
               "start.$":"$$.Execution.StartTime","role.$":"$$.Execution.RoleArn","redrives.$":"$$.Execution.RedriveCount",
               "entered.$":"$$.State.EnteredTime","state.$":"$$.State.Name","retries.$":"$$.State.RetryCount",
               "machineId.$":"$$.StateMachine.Id","machine.$":"$$.StateMachine.Name"},"End":true}}}
            """);
        var result = await engine.RunAsync(definition, new StartExecutionRequest { Name = "run-1", Input = Run.Json("""{"k":1}"""), StateMachineName = "nightly" });
        Run.Equal("""
            {"id":"arn:aws:states:eu-west-1:111122223333:execution:nightly:run-1","name":"run-1","input":{"k":1},
             "start":"2026-11-21T06:00:00.000Z","role":"arn:aws:iam::111122223333:role/orchestrator-local","redrives":0,
             "entered":"2026-11-21T06:00:10.000Z","state":"Ctx","retries":0,
             "machineId":"arn:aws:states:eu-west-1:111122223333:stateMachine:nightly","machine":"nightly"}
            """, result.Output);
    }

    [Fact]
    public async Task Task_token_is_available_for_waitForTaskToken_resources()
    {
        var handler = new ScriptedHandler(Integrations.TaskOutcome.Success(Run.Json("{}")));
        var options = new EngineOptions { Time = new FakeTimeProvider(), Tasks = new Integrations.TaskHandlerRegistry().Register("arn:aws:states:::sqs:sendMessage.waitForTaskToken", handler) };
        await Run.Output("""
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","Parameters":{"token.$":"$$.Task.Token"},"End":true}}}
            """, "{}", options);
        var invocation = Assert.Single(handler.Invocations);
        Assert.False(string.IsNullOrEmpty(invocation.TaskToken));
        Assert.Equal(invocation.TaskToken, invocation.Parameters!["token"]!.GetValue<string>());
    }
}
