using Orchestrator.States.Execution;

namespace Orchestrator.States.Tests;

public class ParallelAndMapTests
{
    [Fact]
    public async Task Parallel_returns_branch_outputs_in_order()
    {
        const string definition = """
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"A","States":{"A":{"Type":"Pass","Result":"a","End":true}}},
              {"StartAt":"B","States":{"B":{"Type":"Wait","Seconds":5,"Next":"B2"},"B2":{"Type":"Pass","InputPath":"$.x","End":true}}}]}}}
            """;
        Run.Equal("""["a",1]""", await Run.Output(definition, """{"x":1}"""));
    }

    [Fact]
    public async Task Parallel_fails_with_the_branch_error_and_can_be_caught()
    {
        const string definition = """
            {"StartAt":"P","States":{"P":{"Type":"Parallel","Next":"Done","ResultPath":"$.err",
              "Catch":[{"ErrorEquals":["Boom"],"ResultPath":"$.caught","Next":"Done"}],
              "Branches":[{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Boom","Cause":"bad"}}},
                          {"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}]},
             "Done":{"Type":"Pass","End":true}}}
            """;
        Run.Equal("""{"in":1,"caught":{"Error":"Boom","Cause":"bad"}}""", await Run.Output(definition, """{"in":1}"""));
    }

    [Fact]
    public async Task Parallel_ResultSelector_shapes_the_result() =>
        Run.Equal("""{"first":"a"}""", await Run.Output("""
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"ResultSelector":{"first.$":"$[0]"},"Branches":[
              {"StartAt":"A","States":{"A":{"Type":"Pass","Result":"a","End":true}}}]}}}
            """));

    [Fact]
    public async Task Map_runs_each_item_with_ItemSelector_and_context()
    {
        const string definition = """
            {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":2,
              "ItemSelector":{"value.$":"$$.Map.Item.Value","index.$":"$$.Map.Item.Index","tag.$":"$.tag"},
              "ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}
            """;
        Run.Equal("""[{"value":"a","index":0,"tag":"t"},{"value":"b","index":1,"tag":"t"}]""", await Run.Output(definition, """{"items":["a","b"],"tag":"t"}"""));
    }

    [Fact]
    public async Task Legacy_Iterator_and_Parameters_still_work() =>
        Run.Equal("""[{"v":1},{"v":2}]""", await Run.Output("""
            {"StartAt":"M","States":{"M":{"Type":"Map","Parameters":{"v.$":"$$.Map.Item.Value"},
              "Iterator":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}
            """, "[1,2]"));

    [Fact]
    public async Task Map_over_an_empty_array_is_an_empty_array() =>
        Run.Equal("[]", await Run.Output("""{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}""", "[]"));

    [Fact]
    public async Task Map_fails_with_the_iteration_error()
    {
        var result = await Run.Async("""
            {"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"C","States":{
              "C":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":2,"Next":"F"}],"Default":"OK"},
              "F":{"Type":"Fail","Error":"Two","Cause":"item two"},"OK":{"Type":"Pass","End":true}}},"End":true}}}
            """, "[1,2,3]");
        Assert.Equal(("Two", "item two"), (result.Error, result.Cause));
    }

    [Fact]
    public async Task Distributed_map_tolerates_failures_up_to_the_threshold()
    {
        const string machine = """
            {"StartAt":"M","States":{"M":{"Type":"Map","ToleratedFailureCount":1,"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
              "StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$","NumericGreaterThan":1,"Next":"F"}],"Default":"OK"},
              "F":{"Type":"Fail","Error":"Big"},"OK":{"Type":"Pass","End":true}}},"End":true}}}
            """;
        Assert.Equal(ExecutionStatus.Succeeded, (await Run.Async(machine, "[1,2]")).Status);
        var failed = await Run.Async(machine, "[1,2,3]");
        Assert.Equal("States.ExceedToleratedFailureThreshold", failed.Error);
    }

    [Fact]
    public async Task MaxConcurrencyPath_must_be_an_integer()
    {
        var result = await Run.Async("""{"StartAt":"MapState","States":{"MapState":{"Type":"Map","MaxConcurrencyPath":"$.m","ItemsPath":"$.i","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}""",
            """{"m":"NoNumber","i":[1]}""");
        Assert.Equal("States.Runtime", result.Error);
        Assert.EndsWith("The MaxConcurrencyPath field refers to value \"NoNumber\" which is not a valid integer: $.m", result.Cause, StringComparison.Ordinal);
    }
}
