using Orchestrator.States.Execution;

namespace Orchestrator.States.Tests;

public class PassAndPipelineTests
{
    [Fact]
    public async Task Pass_without_fields_returns_its_input() =>
        Run.Equal("""{"a":1}""", await Run.Output("""{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""", """{"a":1}"""));

    [Fact]
    public async Task Result_replaces_input_by_default() =>
        Run.Equal("""{"x":true}""", await Run.Output("""{"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"x":true},"End":true}}}""", """{"a":1}"""));

    [Fact]
    public async Task ResultPath_merges_into_the_raw_input() =>
        Run.Equal("""{"a":1,"r":{"deep":{"x":2}}}""",
            await Run.Output("""{"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"x":2},"ResultPath":"$.r.deep","End":true}}}""", """{"a":1}"""));

    [Fact]
    public async Task ResultPath_null_discards_the_result() =>
        Run.Equal("""{"a":1}""", await Run.Output("""{"StartAt":"P","States":{"P":{"Type":"Pass","Result":5,"ResultPath":null,"End":true}}}""", """{"a":1}"""));

    [Fact]
    public async Task InputPath_Parameters_OutputPath_in_order()
    {
        const string definition = """
            {"StartAt":"P","States":{"P":{"Type":"Pass","InputPath":"$.in","Parameters":{"v.$":"$.value","k":"const","arr":[{"n.$":"$.value"}]},
              "ResultPath":"$.res","OutputPath":"$.res","End":true}}}
            """;
        Run.Equal("""{"v":7,"k":"const","arr":[{"n":7}]}""", await Run.Output(definition, """{"in":{"value":7}}"""));
    }

    [Fact]
    public async Task InputPath_and_OutputPath_null_give_an_empty_object() =>
        Run.Equal("{}", await Run.Output("""{"StartAt":"P","States":{"P":{"Type":"Pass","InputPath":null,"End":true}}}""", """{"a":1}"""));

    [Fact]
    public async Task A_path_ending_in_an_index_unwraps() =>
        Run.Equal("""{"v":2}""", await Run.Output("""{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"v.$":"$.a[1]"},"End":true}}}""", """{"a":[1,2,3]}"""));

    [Fact]
    public async Task A_missing_InputPath_is_States_Runtime_with_AWS_wording()
    {
        var result = await Run.Async("""{"StartAt":"pass","States":{"pass":{"Type":"Pass","InputPath":"$.NoSuch","End":true}}}""");
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal("States.Runtime", result.Error);
        Assert.Equal("An error occurred while executing the state 'pass' (entered at the event id #2). Invalid path '$.NoSuch' : No results for path: $['NoSuch']", result.Cause);
    }

    [Fact]
    public async Task A_missing_parameter_path_names_the_field()
    {
        var result = await Run.Async("""{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"v.$":"$.nope"},"End":true}}}""", """{"a":1}""");
        Assert.Equal("States.Runtime", result.Error);
        Assert.EndsWith("The JSONPath '$.nope' specified for the field 'v.$' could not be found in the input '{\"a\":1}'", result.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Intrinsics_are_evaluated_in_parameters() =>
        Run.Equal("""{"s":"Hello, World"}""", await Run.Output("""{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"s.$":"States.Format('Hello, {}', $.who)"},"End":true}}}""", """{"who":"World"}"""));

    [Fact]
    public async Task Succeed_applies_InputPath_and_OutputPath() =>
        Run.Equal("2", await Run.Output("""{"StartAt":"S","States":{"S":{"Type":"Succeed","InputPath":"$.a","OutputPath":"$.b"}}}""", """{"a":{"b":2}}"""));
}
