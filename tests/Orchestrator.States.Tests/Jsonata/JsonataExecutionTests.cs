using Orchestrator.States.Errors;
using Orchestrator.States.Execution;
using Orchestrator.States.Integrations;

namespace Orchestrator.States.Tests.Jsonata;

/// <summary>Running JSONata states: $states, Arguments, Output, Assign, Condition, Items/ItemSelector, Catch, Wait, Fail and numbers.</summary>
public class JsonataExecutionTests
{
    private const string Resource = "arn:aws:states:::test:work";

    private static (EngineOptions Options, ScriptedHandler Handler) Task(params TaskOutcome[] outcomes)
    {
        var handler = new ScriptedHandler(outcomes);
        return (new EngineOptions { Time = new FakeTimeProvider(), Tasks = new TaskHandlerRegistry().Register(Resource, handler), RandomSeed = 1 }, handler);
    }

    private static async Task<ExecutionResult> Fails(string definition, string input = "{}", EngineOptions? options = null)
    {
        var result = await Run.Async(definition, input, options);
        Assert.True(result.Status == ExecutionStatus.Failed, $"expected FAILED but was {result.StatusName}: {Orchestrator.States.Json.JsonValues.ToJson(result.Output)}");
        return result;
    }

    [Fact]
    public async Task Pass_Output_reads_input_variables_and_context()
    {
        var output = await Run.Output("""
            {"QueryLanguage":"JSONata","StartAt":"A","States":{
              "A":{"Type":"Pass","Assign":{"greeting":"hello"},"Next":"B"},
              "B":{"Type":"Pass","Output":{"sum":"{% $sum($states.input.n) %}","text":"{% $greeting & ' ' & $states.context.State.Name %}",
                   "literal":"$states.input","list":["{% $count($states.input.n) %}", 0]},"End":true}}}
            """, """{"n":[1,2,3]}""");
        Run.Equal("""{"sum":6,"text":"hello B","literal":"$states.input","list":[3,0]}""", output);
    }

    [Fact]
    public async Task Without_Output_a_state_passes_its_input_or_its_result()
    {
        var (options, _) = Task(TaskOutcome.Success(Run.Json("""{"r":1}""")));
        var output = await Run.Output("""
            {"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Next":"T"},"T":{"Type":"Task","Resource":"arn:aws:states:::test:work","End":true}}}
            """, """{"in":true}""", options);
        Run.Equal("""{"r":1}""", output);
    }

    [Fact]
    public async Task Task_Arguments_are_the_parameters_and_Output_reads_the_result()
    {
        var (options, handler) = Task(TaskOutcome.Success(Run.Json("""{"value":41}""")));
        var output = await Run.Output("""
            {"QueryLanguage":"JSONata","StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::test:work",
              "Arguments":{"id":"{% $states.input.id %}","fixed":"a"},
              "Output":{"answer":"{% $states.result.value + 1 %}","id":"{% $states.input.id %}"},"End":true}}}
            """, """{"id":"x7"}""", options);
        Run.Equal("""{"id":"x7","fixed":"a"}""", handler.Invocations[0].Parameters);
        Run.Equal("""{"answer":42,"id":"x7"}""", output);
    }

    [Fact]
    public async Task Assign_takes_effect_after_the_state_so_Output_sees_the_old_values()
    {
        var output = await Run.Output("""
            {"QueryLanguage":"JSONata","StartAt":"A","States":{
              "A":{"Type":"Pass","Assign":{"x":1},"Next":"B"},
              "B":{"Type":"Pass","Assign":{"x":"{% $x + 10 %}","y":"{% $x %}"},"Output":{"x":"{% $x %}"},"Next":"C"},
              "C":{"Type":"Pass","Output":{"x":"{% $x %}","y":"{% $y %}"},"End":true}}}
            """);
        Run.Equal("""{"x":11,"y":1}""", output);
    }

    [Fact]
    public async Task Assign_reads_the_task_result()
    {
        var (options, _) = Task(TaskOutcome.Success(Run.Json("""{"token":"t-1"}""")));
        var output = await Run.Output("""
            {"QueryLanguage":"JSONata","StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"arn:aws:states:::test:work","Assign":{"token":"{% $states.result.token %}"},"Output":{},"Next":"P"},
              "P":{"Type":"Pass","Output":"{% $token %}","End":true}}}
            """, "{}", options);
        Run.Equal("\"t-1\"", output);
    }

    [Fact]
    public async Task Variables_from_a_JSONPath_state_are_read_by_a_JSONata_state()
    {
        var output = await Run.Output("""
            {"StartAt":"A","States":{
              "A":{"Type":"Pass","Assign":{"v.$":"$.n"},"Next":"B"},
              "B":{"Type":"Pass","QueryLanguage":"JSONata","Output":"{% $v * 2 %}","End":true}}}
            """, """{"n":21}""");
        Run.Equal("42", output);
    }

    [Fact]
    public async Task Choice_Condition_picks_the_rule_whose_Output_and_Assign_apply()
    {
        // AWS: the state-level Assign applies whichever rule matches; a rule's own Assign and Output override the state's.
        const string Machine = """
            {"QueryLanguage":"JSONata","StartAt":"C","States":{
              "C":{"Type":"Choice","Choices":[
                  {"Condition":"{% $states.input.n > 10 %}","Output":{"size":"big"},"Assign":{"rule":0},"Next":"Done"},
                  {"Condition":"{% $states.input.n = 5 %}","Next":"Done"}],
                "Default":"Done","Output":{"size":"small"},"Assign":{"rule":"default","seen":"{% $states.input.n %}"}},
              "Done":{"Type":"Pass","Output":{"size":"{% $states.input.size %}","rule":"{% $rule %}","seen":"{% $seen %}"},"End":true}}}
            """;
        Run.Equal("""{"size":"big","rule":0,"seen":11}""", await Run.Output(Machine, """{"n":11}"""));
        Run.Equal("""{"size":"small","rule":"default","seen":5}""", await Run.Output(Machine, """{"n":5}"""));
        Run.Equal("""{"size":"small","rule":"default","seen":1}""", await Run.Output(Machine, """{"n":1}"""));
    }

    [Fact]
    public async Task A_Condition_that_is_not_a_boolean_is_a_query_evaluation_error()
    {
        // Rules are tried in order: a rule after the one that matches is never evaluated.
        Run.Equal("""{"n":1}""", await Run.Output("""
            {"QueryLanguage":"JSONata","StartAt":"C","States":{"C":{"Type":"Choice","Choices":[
              {"Condition":"{% true %}","Next":"D"},{"Condition":"{% $states.input.n %}","Next":"D"}],"Default":"D"},"D":{"Type":"Succeed"}}}
            """, """{"n":1}"""));
        var failed = await Fails("""
            {"QueryLanguage":"JSONata","StartAt":"C","States":{"C":{"Type":"Choice","Choices":[
              {"Condition":"{% $states.input.n %}","Next":"D"}],"Default":"D"},"D":{"Type":"Succeed"}}}
            """, """{"n":1}""");
        Assert.Equal(StatesErrorNames.QueryEvaluationError, failed.Error);
        Assert.EndsWith("The JSONata expression '$states.input.n' specified for the field 'Choices[0]/Condition' returned an unexpected result type. Expected 'boolean', but was 'number' for value: 1",
            failed.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Map_Items_ItemSelector_and_MaxConcurrency_are_expressions()
    {
        var output = await Run.Output("""
            {"QueryLanguage":"JSONata","StartAt":"M","States":{"M":{"Type":"Map","Items":"{% $states.input.list[$ > 1] %}",
              "MaxConcurrency":"{% $count($states.input.list) %}","ToleratedFailurePercentage":"{% 50 %}","ToleratedFailureCount":"{% 0 %}",
              "ItemSelector":{"value":"{% $states.context.Map.Item.Value %}","index":"{% $states.context.Map.Item.Index %}","tag":"{% $states.input.tag %}"},
              "ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","Output":"{% $states.input.value * 10 + $states.input.index %}","End":true}}},
              "Output":{"results":"{% $states.result %}","count":"{% $count($states.result) %}"},"End":true}}}
            """, """{"list":[1,2,3],"tag":"t"}""");
        Run.Equal("""{"results":[20,31],"count":2}""", output);
    }

    [Fact]
    public async Task Map_Items_that_is_not_an_array_fails_with_AWS_wording()
    {
        var result = await Fails("""
            {"QueryLanguage":"JSONata","StartAt":"M","States":{"M":{"Type":"Map","Items":"{% $states.input.x %}",
              "ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}
            """, """{"x":{"a":1}}""");
        Assert.Equal(StatesErrorNames.QueryEvaluationError, result.Error);
        Assert.Equal("An error occurred while executing the state 'M' (entered at the event id #2). The JSONata expression '$states.input.x' specified for the field 'Items' " +
            "returned an unexpected result type. Expected 'array', but was 'object' for value: {\"a\":1}", result.Cause);
    }

    [Theory]
    [InlineData("\"{% -1 %}\"", "MaxConcurrency")]
    [InlineData("\"{% 1.5 %}\"", "MaxConcurrency")]
    [InlineData("\"{% 'a' %}\"", "ToleratedFailureCount")]
    [InlineData("\"{% 101 %}\"", "ToleratedFailurePercentage")]
    public async Task Map_numbers_out_of_range_or_of_the_wrong_type_fail(string value, string field)
    {
        var result = await Fails(("""
            {"QueryLanguage":"JSONata","StartAt":"M","States":{"M":{"Type":"Map","Items":[1],"@field@":@value@,
              "ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}
            """.Replace("@field@", field, StringComparison.Ordinal).Replace("@value@", value, StringComparison.Ordinal)));
        Assert.Equal(StatesErrorNames.QueryEvaluationError, result.Error);
        Assert.Contains($"specified for the field '{field}'", result.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parallel_Arguments_are_each_branch_input_and_Output_reads_the_branch_results()
    {
        var output = await Run.Output("""
            {"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Parallel","Arguments":{"n":"{% $states.input.n %}"},
              "Branches":[{"StartAt":"A","States":{"A":{"Type":"Pass","Output":"{% $states.input.n + 1 %}","End":true}}},
                          {"StartAt":"B","States":{"B":{"Type":"Pass","Output":"{% $states.input.n * 2 %}","End":true}}}],
              "Output":"{% $sum($states.result) %}","End":true}}}
            """, """{"n":5}""");
        Run.Equal("16", output);
    }

    [Fact]
    public async Task Catch_Output_and_Assign_read_the_error_output()
    {
        var (options, _) = Task(TaskOutcome.Failure("Boom", "it broke"));
        var output = await Run.Output("""
            {"QueryLanguage":"JSONata","StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"arn:aws:states:::test:work","Catch":[{"ErrorEquals":["Boom"],"Next":"H",
                   "Output":{"error":"{% $states.errorOutput.Error %}","in":"{% $states.input.id %}"},"Assign":{"cause":"{% $states.errorOutput.Cause %}"}}],"End":true},
              "H":{"Type":"Pass","Output":{"caught":"{% $states.input %}","cause":"{% $cause %}"},"End":true}}}
            """, """{"id":3}""", options);
        Run.Equal("""{"caught":{"error":"Boom","in":3},"cause":"it broke"}""", output);
    }

    [Fact]
    public async Task A_catcher_without_Output_passes_the_error_output()
    {
        var (options, _) = Task(TaskOutcome.Failure("Boom", "why"));
        var output = await Run.Output("""
            {"QueryLanguage":"JSONata","StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"arn:aws:states:::test:work","Catch":[{"ErrorEquals":["States.ALL"],"Next":"H"}],"End":true},"H":{"Type":"Succeed"}}}
            """, "{}", options);
        Run.Equal("""{"Error":"Boom","Cause":"why"}""", output);
    }

    [Fact]
    public async Task A_query_evaluation_error_can_be_caught_and_the_failing_catcher_field_is_named()
    {
        var (options, _) = Task(TaskOutcome.Success(Run.Json("{}")));
        var output = await Run.Output("""
            {"QueryLanguage":"JSONata","StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"arn:aws:states:::test:work","Output":"{% $states.result.missing %}",
                   "Catch":[{"ErrorEquals":["States.QueryEvaluationError"],"Next":"H"}],"End":true},"H":{"Type":"Pass","End":true}}}
            """, "{}", options);
        Assert.Equal(StatesErrorNames.QueryEvaluationError, output!["Error"]!.GetValue<string>());
        Assert.EndsWith("The JSONata expression '$states.result.missing' specified for the field 'Output' returned nothing (undefined).", output["Cause"]!.GetValue<string>(), StringComparison.Ordinal);

        var (failing, _) = Task(TaskOutcome.Failure("Boom", null));
        var result = await Fails("""
            {"QueryLanguage":"JSONata","StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"arn:aws:states:::test:work","Catch":[{"ErrorEquals":["Other"],"Next":"H"},{"ErrorEquals":["States.ALL"],"Next":"H",
                   "Output":{"v":["{% $states.errorOutput.Cause %}"]}}],"End":true},"H":{"Type":"Succeed"}}}
            """, "{}", failing);
        Assert.EndsWith("The JSONata expression '$states.errorOutput.Cause' specified for the field 'Catch[1]/Output/v[0]' returned nothing (undefined).", result.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_evaluation_is_recorded_as_an_EvaluationFailed_event_per_attempt()
    {
        var (options, _) = Task(TaskOutcome.Success(Run.Json("{}")));
        var execution = Run.Engine(options).Start(Run.Load("""
            {"QueryLanguage":"JSONata","StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::test:work","Output":{"v":"{% $states.result.none %}"},
              "Retry":[{"ErrorEquals":["States.QueryEvaluationError"],"MaxAttempts":1}],"End":true}}}
            """), new StartExecutionRequest { Input = Run.Json("{}") });
        var result = await execution.Completion;

        var failures = execution.History.Where(e => e.Type == "EvaluationFailed").Select(e => e.EvaluationFailedEventDetails!).ToList();
        Assert.Equal(2, failures.Count);
        Assert.All(failures, f => Assert.Equal(("T", "Output/v", StatesErrorNames.QueryEvaluationError, result.Cause), (f.State, f.Location, f.Error, f.Cause)));
        Assert.Equal(["TaskSucceeded", "EvaluationFailed", "ExecutionFailed"], execution.History.TakeLast(3).Select(e => e.Type));
    }

    [Fact]
    public async Task A_JSONata_error_names_the_expression_the_field_and_the_code()
    {
        var result = await Fails("""
            {"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"n":"{% $sum('a') %}"},"End":true}}}
            """);
        Assert.Equal(StatesErrorNames.QueryEvaluationError, result.Error);
        Assert.StartsWith("An error occurred while executing the state 'A' (entered at the event id #2). The JSONata expression '$sum('a')' specified for the field 'Assign/n' threw an error during evaluation. T0412: ",
            result.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_function_result_is_an_unsupported_result_type()
    {
        var result = await Fails("""{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":"{% $uppercase %}","End":true}}}""");
        Assert.EndsWith("The JSONata expression '$uppercase' specified for the field 'Output' returned an unsupported result type.", result.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_is_not_available_and_parse_replaces_it()
    {
        var result = await Fails("""{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":"{% $eval('1+1') %}","End":true}}}""");
        Assert.Contains("T1006", result.Cause, StringComparison.Ordinal);
        Run.Equal("""{"a":[1,2]}""", await Run.Output("""{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":"{% $parse($states.input.s) %}","End":true}}}""",
            """{"s":"{\"a\":[1,2]}"}"""));
    }

    [Fact]
    public async Task Step_Functions_functions_are_available()
    {
        var output = await Run.Output("""
            {"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":{"p":"{% $partition([1,2,3], 2) %}","r":"{% $range(0, 4, 2) %}",
              "h":"{% $hash('a', 'SHA-256') %}","u":"{% $length($uuid()) %}","x":"{% $random() < 1 %}"},"End":true}}}
            """);
        Run.Equal("""{"p":[[1,2],[3]],"r":[0,2,4],"h":"ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb","u":36,"x":true}""", output);
    }

    [Fact]
    public async Task A_seeded_engine_repeats_random_and_uuid()
    {
        const string Machine = """{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":["{% $random() %}","{% $uuid() %}"],"End":true}}}""";
        var first = await Run.Output(Machine, "{}", new EngineOptions { Time = new FakeTimeProvider(), RandomSeed = 5 });
        var second = await Run.Output(Machine, "{}", new EngineOptions { Time = new FakeTimeProvider(), RandomSeed = 5 });
        var other = await Run.Output(Machine, "{}", new EngineOptions { Time = new FakeTimeProvider(), RandomSeed = 6 });
        Run.Equal(Orchestrator.States.Json.JsonValues.ToJson(first), second);
        Assert.False(Orchestrator.States.Json.JsonValues.DeepEquals(first, other));
    }

    [Fact]
    public async Task Fail_Error_and_Cause_are_expressions()
    {
        var result = await Fails("""
            {"QueryLanguage":"JSONata","StartAt":"F","States":{"F":{"Type":"Fail","Error":"{% 'E.' & $states.input.code %}","Cause":"{% $string($states.input) %}"}}}
            """, """{"code":"Bad"}""");
        Assert.Equal(("E.Bad", """{"code":"Bad"}"""), (result.Error, result.Cause));
        var wrongType = await Fails("""{"QueryLanguage":"JSONata","StartAt":"F","States":{"F":{"Type":"Fail","Error":"{% 42 %}"}}}""");
        Assert.Equal(StatesErrorNames.QueryEvaluationError, wrongType.Error);
        Assert.EndsWith("specified for the field 'Error' returned an unexpected result type. Expected 'string', but was 'number' for value: 42", wrongType.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_Seconds_and_Timestamp_are_expressions_on_the_injected_clock()
    {
        var clock = new FakeTimeProvider();
        var options = new EngineOptions { Time = clock };
        var start = clock.GetUtcNow();
        await Run.Output("""
            {"QueryLanguage":"JSONata","StartAt":"W","States":{"W":{"Type":"Wait","Seconds":"{% $states.input.s * 2 %}","Next":"T"},
              "T":{"Type":"Wait","Timestamp":"{% $states.input.until %}","End":true}}}
            """, """{"s":30,"until":"@until@"}""".Replace("@until@", Orchestrator.States.Model.Timestamps.Format(start.AddHours(1)), StringComparison.Ordinal), options);
        Assert.Equal([TimeSpan.FromSeconds(60), TimeSpan.FromHours(1) - TimeSpan.FromSeconds(60)], clock.Advances);
    }

    [Theory]
    [InlineData("\"{% -5 %}\"", "Seconds")]
    [InlineData("\"{% 'soon' %}\"", "Seconds")]
    [InlineData("\"{% 'tomorrow' %}\"", "Timestamp")]
    public async Task Wait_values_of_the_wrong_kind_fail(string value, string field)
    {
        var result = await Fails(("""{"QueryLanguage":"JSONata","StartAt":"W","States":{"W":{"Type":"Wait","@field@":@value@,"End":true}}}""".Replace("@field@", field, StringComparison.Ordinal).Replace("@value@", value, StringComparison.Ordinal)));
        Assert.Equal(StatesErrorNames.QueryEvaluationError, result.Error);
        Assert.Contains(field, result.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Task_TimeoutSeconds_and_HeartbeatSeconds_are_expressions()
    {
        var (options, _) = Task(TaskOutcome.Success(Run.Json("{}")));
        var execution = Run.Engine(options).Start(Run.Load("""
            {"QueryLanguage":"JSONata","StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::test:work",
              "TimeoutSeconds":"{% $states.input.t %}","HeartbeatSeconds":"{% $states.input.t - 1 %}","End":true}}}
            """), new StartExecutionRequest { Input = Run.Json("""{"t":30}""") });
        await execution.Completion;
        var scheduled = execution.History.Single(e => e.Type == "TaskScheduled").TaskScheduledEventDetails!;
        Assert.Equal((30L, 29L), (scheduled.TimeoutInSeconds, scheduled.HeartbeatInSeconds));

        var (zero, _) = Task(TaskOutcome.Success(Run.Json("{}")));
        var result = await Fails("""
            {"QueryLanguage":"JSONata","StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::test:work","TimeoutSeconds":"{% 0 %}","End":true}}}
            """, "{}", zero);
        Assert.Contains("specified for the field 'TimeoutSeconds'", result.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Map_iteration_reads_outer_variables_and_keeps_its_own_assignments()
    {
        var output = await Run.Output("""
            {"QueryLanguage":"JSONata","StartAt":"A","States":{
              "A":{"Type":"Pass","Assign":{"base":100},"Next":"M"},
              "M":{"Type":"Map","Items":[1,2],"ItemProcessor":{"StartAt":"I","States":{
                  "I":{"Type":"Pass","Assign":{"base":0},"Output":"{% $base + $states.input %}","End":true}}},"Next":"After"},
              "After":{"Type":"Pass","Output":{"results":"{% $states.input %}","base":"{% $base %}"},"End":true}}}
            """);
        Run.Equal("""{"results":[101,102],"base":100}""", output);
    }

    [Fact]
    public async Task Null_is_a_value_and_undefined_fails_the_state()
    {
        Run.Equal("""{"v":null}""", await Run.Output("""{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":{"v":"{% $states.input.v %}"},"End":true}}}""",
            """{"v":null}"""));
        var result = await Fails("""{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":{"v":"{% $states.input.v %}"},"End":true}}}""");
        Assert.EndsWith("specified for the field 'Output/v' returned nothing (undefined).", result.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task States_result_is_not_available_to_a_Pass_state()
    {
        var result = await Fails("""{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":"{% $states.result %}","End":true}}}""");
        Assert.EndsWith("The JSONata expression '$states.result' specified for the field 'Output' returned nothing (undefined).", result.Cause, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{% $states %}")]
    [InlineData("{% $string($states) %}")]
    [InlineData("{% 1/0 %}")]
    [InlineData("{% $sum([1..100000]) %}")]
    [InlineData("{% function($x){$x}(1) %}")]
    [InlineData("{% ($f := function($n){ $n <= 1 ? 1 : $n * $f($n - 1) }; $f(170)) %}")]
    [InlineData("{% $states.context.Execution.Input.a.b.c %}")]
    [InlineData("{% $error('custom') %}")]
    [InlineData("{% $lookup($states, 'input') %}")]
    public async Task Any_expression_ends_in_an_output_or_a_query_evaluation_error(string expression)
    {
        var result = await Run.Async("""{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":{"v":"@E@"},"End":true}}}"""
            .Replace("@E@", expression, StringComparison.Ordinal), """{"a":{"b":{"c":[1,2]}}}""");
        Assert.True(result.Status == ExecutionStatus.Succeeded || result.Error == StatesErrorNames.QueryEvaluationError, $"{result.StatusName} {result.Error}: {result.Cause}");
        Assert.DoesNotContain(StateMachineExecution.InternalErrorPrefix, result.Cause ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_runaway_expression_fails_instead_of_hanging_the_execution()
    {
        var result = await Run.Async("""{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":"{% ($f := function($n){ $f($n + 1) }; $f(0)) %}","End":true}}}""");
        Assert.Equal(StatesErrorNames.QueryEvaluationError, result.Error);
        Assert.Contains("threw an error during evaluation. D1012: ", result.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Context_object_carries_the_execution()
    {
        var output = await Run.Output("""
            {"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":{"name":"{% $states.context.Execution.Name %}",
              "input":"{% $states.context.Execution.Input %}","retry":"{% $states.context.State.RetryCount %}"},"End":true}}}
            """, """{"k":1}""");
        Run.Equal("""{"name":"test-execution","input":{"k":1},"retry":0}""", output);
    }
}
