using Orchestrator.States.Loading;
using Orchestrator.States.Model;

namespace Orchestrator.States.Tests.Jsonata;

/// <summary>
/// Loading JSONata states: fields of the other query language are problems at their pointer with a plain message,
/// expressions are parsed once (a syntax error is a problem), and AWS-accepted shapes load.
/// </summary>
public class JsonataValidationTests
{
    private const string Processor = """{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}}""";

    private static IReadOnlyList<ValidationProblem> Problems(string definition) => DefinitionLoader.Load(definition).Problems;

    private static void HasProblemAt(string definition, string pointer, string containing)
    {
        var problems = Problems(definition);
        Assert.True(problems.Any(p => p.Pointer == pointer && p.Message.Contains(containing, StringComparison.Ordinal)),
            $"expected a problem at {pointer} containing '{containing}'; got: {string.Join(" | ", problems)}");
    }

    private static string JsonataMachine(string state) => """{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":""" + state + "}}";

    private static string JsonPathMachine(string state) => """{"StartAt":"A","States":{"A":""" + state + "}}";

    public static TheoryData<string, string> JsonPathOnlyFieldsInJsonataStates() => new()
    {
        { """{"Type":"Pass","InputPath":"$.a","End":true}""", "InputPath" },
        { """{"Type":"Pass","OutputPath":"$.a","End":true}""", "OutputPath" },
        { """{"Type":"Pass","Parameters":{"a.$":"$.a"},"End":true}""", "Parameters" },
        { """{"Type":"Pass","Result":{"a":1},"End":true}""", "Result" },
        { """{"Type":"Pass","ResultPath":"$.r","End":true}""", "ResultPath" },
        { """{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","ResultSelector":{"a.$":"$.a"},"End":true}""", "ResultSelector" },
        { """{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","TimeoutSecondsPath":"$.t","End":true}""", "TimeoutSecondsPath" },
        { """{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","HeartbeatSecondsPath":"$.h","End":true}""", "HeartbeatSecondsPath" },
        { """{"Type":"Wait","SecondsPath":"$.s","End":true}""", "SecondsPath" },
        { """{"Type":"Wait","TimestampPath":"$.t","End":true}""", "TimestampPath" },
        { """{"Type":"Fail","ErrorPath":"$.e"}""", "ErrorPath" },
        { """{"Type":"Fail","CausePath":"$.c"}""", "CausePath" },
        { ("""{"Type":"Map","ItemsPath":"$.items","ItemProcessor":@Processor@,"End":true}""".Replace("@Processor@", Processor, StringComparison.Ordinal)), "ItemsPath" },
        { ("""{"Type":"Map","MaxConcurrencyPath":"$.m","ItemProcessor":@Processor@,"End":true}""".Replace("@Processor@", Processor, StringComparison.Ordinal)), "MaxConcurrencyPath" },
        { ("""{"Type":"Map","ToleratedFailureCountPath":"$.c","ItemProcessor":@Processor@,"End":true}""".Replace("@Processor@", Processor, StringComparison.Ordinal)), "ToleratedFailureCountPath" },
        { ("""{"Type":"Map","ToleratedFailurePercentagePath":"$.p","ItemProcessor":@Processor@,"End":true}""".Replace("@Processor@", Processor, StringComparison.Ordinal)), "ToleratedFailurePercentagePath" },
        { ("""{"Type":"Map","Parameters":{"a.$":"$.a"},"ItemProcessor":@Processor@,"End":true}""".Replace("@Processor@", Processor, StringComparison.Ordinal)), "Parameters" },
        { """{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Succeed"}}}],"ResultPath":null,"End":true}""", "ResultPath" },
    };

    [Theory]
    [MemberData(nameof(JsonPathOnlyFieldsInJsonataStates))]
    public void A_JSONPath_only_field_in_a_JSONata_state_is_a_problem(string state, string field) =>
        HasProblemAt(JsonataMachine(state), "/States/A/" + field, $"Field '{field}' is only supported when the QueryLanguage is JSONPath");

    public static TheoryData<string, string> JsonataOnlyFieldsInJsonPathStates() => new()
    {
        { """{"Type":"Pass","Output":{"a":1},"End":true}""", "Output" },
        { """{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Arguments":{"a":1},"End":true}""", "Arguments" },
        { """{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Succeed"}}}],"Arguments":{},"End":true}""", "Arguments" },
        { ("""{"Type":"Map","Items":[1,2],"ItemProcessor":@Processor@,"End":true}""".Replace("@Processor@", Processor, StringComparison.Ordinal)), "Items" },
        { """{"Type":"Succeed","Output":"{% 1 %}"}""", "Output" },
    };

    [Theory]
    [MemberData(nameof(JsonataOnlyFieldsInJsonPathStates))]
    public void A_JSONata_only_field_in_a_JSONPath_state_is_a_problem(string state, string field) =>
        HasProblemAt(JsonPathMachine(state), "/States/A/" + field, $"Field '{field}' is only supported when the QueryLanguage is JSONata");

    [Fact]
    public void A_JSONPath_state_cannot_use_Condition_or_rule_Output() =>
        Assert.All(
            ["/States/A/Choices/0/Condition", "/States/A/Choices/0/Output"],
            pointer => HasProblemAt(
                JsonPathMachine("""{"Type":"Choice","Choices":[{"Condition":"{% true %}","Output":{},"Next":"B"}]},"B":{"Type":"Succeed"}"""),
                pointer, "only supported when the QueryLanguage is JSONata"));

    [Fact]
    public void A_JSONPath_catcher_cannot_use_Output() =>
        HasProblemAt(
            JsonPathMachine("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Output":{},"Next":"B"}],"End":true},"B":{"Type":"Succeed"}"""),
            "/States/A/Catch/0/Output", "only supported when the QueryLanguage is JSONata");

    [Fact]
    public void A_JSONata_catcher_cannot_use_ResultPath() =>
        HasProblemAt(
            JsonataMachine("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.e","Next":"B"}],"End":true},"B":{"Type":"Succeed"}"""),
            "/States/A/Catch/0/ResultPath", "only supported when the QueryLanguage is JSONPath");

    [Theory]
    [InlineData("Variable")]
    [InlineData("StringEquals")]
    [InlineData("NumericGreaterThanPath")]
    [InlineData("And")]
    public void A_JSONata_choice_rule_cannot_use_JSONPath_comparisons(string field)
    {
        var machine = JsonataMachine(("""{"Type":"Choice","Choices":[{"Condition":true,"@field@":"$.x","Next":"B"}]},"B":{"Type":"Succeed"}""".Replace("@field@", field, StringComparison.Ordinal)));
        HasProblemAt(machine, "/States/A/Choices/0/" + field, "only supported when the QueryLanguage is JSONPath; a JSONata choice rule uses Condition");
        Assert.DoesNotContain(Problems(machine), p => p.Message.Contains("not supported here", StringComparison.Ordinal));
    }

    [Fact]
    public void A_JSONata_choice_rule_requires_Condition() =>
        HasProblemAt(JsonataMachine("""{"Type":"Choice","Choices":[{"Next":"B"}]},"B":{"Type":"Succeed"}"""), "/States/A/Choices/0/Condition", "requires Condition");

    [Theory]
    [InlineData("1")]
    [InlineData("\"true\"")]
    [InlineData("{}")]
    public void A_literal_Condition_must_be_a_boolean(string condition) =>
        HasProblemAt(JsonataMachine(("""{"Type":"Choice","Choices":[{"Condition":@condition@,"Next":"B"}]},"B":{"Type":"Succeed"}""".Replace("@condition@", condition, StringComparison.Ordinal))),
            "/States/A/Choices/0/Condition", "must be a boolean or a JSONata expression");

    [Fact]
    public void A_JSONata_syntax_error_is_a_problem_at_the_field_with_the_code() =>
        HasProblemAt(JsonataMachine("""{"Type":"Pass","Output":{"list":[1,"{% a[1,2) %}"]},"End":true}"""), "/States/A/Output/list/1",
            "The JSONata expression 'a[1,2)' is not valid: S0");

    [Fact]
    public void Syntax_errors_are_found_in_every_JSONata_field()
    {
        var problems = Problems(JsonataMachine(("""
            {"Type":"Map","Items":"{% [ %}","ItemSelector":{"x":"{% ( %}"},"MaxConcurrency":"{% 1 + %}","Assign":{"v":"{% ] %}"},
             "ItemProcessor":@Processor@,"Catch":[{"ErrorEquals":["States.ALL"],"Output":"{% { %}","Next":"B"}],"Next":"B"},
             "B":{"Type":"Choice","Choices":[{"Condition":"{% = %}","Assign":{"w":"{% ) %}"},"Next":"C"}],"Default":"C"},
             "C":{"Type":"Fail","Error":"{% . %}","Cause":"{% [[ %}"}
            """.Replace("@Processor@", Processor, StringComparison.Ordinal))));
        Assert.Equal(
            ["/States/A/Assign/v", "/States/A/Catch/0/Output", "/States/A/ItemSelector/x", "/States/A/Items", "/States/A/MaxConcurrency",
             "/States/B/Choices/0/Assign/w", "/States/B/Choices/0/Condition", "/States/C/Cause", "/States/C/Error"],
            problems.Select(p => p.Pointer).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("{%1%}", true)]
    [InlineData("{%  $states.input  %}", true)]
    [InlineData(" {% 1 %}", false)]
    [InlineData("{% 1 %} ", false)]
    [InlineData("{% 1", false)]
    [InlineData("1 %}", false)]
    [InlineData("{%}", false)]
    public void Only_a_whole_string_between_the_delimiters_is_an_expression(string text, bool expression)
    {
        var loaded = DefinitionLoader.Load(JsonataMachine("""{"Type":"Pass","Output":""" + System.Text.Json.Nodes.JsonValue.Create(text).ToJsonString() + ""","End":true}"""));
        Assert.True(loaded.IsRunnable, string.Join(" | ", loaded.Problems));
        Assert.Equal(expression, loaded.Definition!.Root.States["A"].Jsonata!.Output is JsonataExpressionTemplate);
    }

    [Fact]
    public void An_empty_expression_is_a_problem() =>
        HasProblemAt(JsonataMachine("""{"Type":"Pass","Output":"{%  %}","End":true}"""), "/States/A/Output", "The JSONata expression '' is not valid");

    [Fact]
    public void Items_must_be_an_array_or_an_expression() =>
        HasProblemAt(JsonataMachine(("""{"Type":"Map","Items":{"a":1},"ItemProcessor":@Processor@,"End":true}""".Replace("@Processor@", Processor, StringComparison.Ordinal))), "/States/A/Items", "JSON array or a JSONata expression");

    [Fact]
    public void JSONata_Assign_keys_must_be_variable_names() =>
        HasProblemAt(JsonataMachine("""{"Type":"Pass","Assign":{"x.$":"{% 1 %}"},"End":true}"""), "/States/A/Assign/x.$", "not a valid variable name");

    [Fact]
    public void States_inside_a_JSONata_Map_of_a_JSONPath_machine_use_the_machine_language()
    {
        var loaded = DefinitionLoader.Load("""
            {"StartAt":"M","States":{"M":{"Type":"Map","QueryLanguage":"JSONata","Items":[1],"ItemProcessor":{"StartAt":"I","States":{
              "I":{"Type":"Pass","Next":"J"},"J":{"Type":"Pass","QueryLanguage":"JSONata","Output":"{% 1 %}","End":true}}},"End":true}}}
            """);
        Assert.True(loaded.IsRunnable, string.Join(" | ", loaded.Problems));
        var states = ((MapState)loaded.Definition!.Root.States["M"]).Processor.States;
        Assert.Equal((QueryLanguage.Jsonata, QueryLanguage.JsonPath, QueryLanguage.Jsonata),
            (loaded.Definition.Root.States["M"].QueryLanguage, states["I"].QueryLanguage, states["J"].QueryLanguage));
    }

    [Fact]
    public void A_branch_or_item_processor_has_no_QueryLanguage() =>
        HasProblemAt("""
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[{"QueryLanguage":"JSONata","StartAt":"B","States":{"B":{"Type":"Succeed"}}}]}}}
            """, "/States/P/Branches/0/QueryLanguage", "not supported here");

    [Fact]
    public void A_Map_state_has_no_Arguments() =>
        HasProblemAt(JsonataMachine("""{"Type":"Map","Arguments":{"a":1},"ItemProcessor":__P__,"End":true}""".Replace("__P__", Processor, StringComparison.Ordinal)),
            "/States/A/Arguments", "not supported here");

    [Fact]
    public void A_JSONPath_state_inside_a_JSONata_machine_is_a_problem() =>
        HasProblemAt(JsonataMachine("""{"Type":"Pass","QueryLanguage":"JSONPath","End":true}"""), "/States/A/QueryLanguage", "cannot use JSONPath");

    [Fact]
    public void A_numeric_field_that_is_neither_a_number_nor_an_expression_is_a_problem() =>
        HasProblemAt(JsonataMachine("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","TimeoutSeconds":"{% 5","End":true}"""),
            "/States/A/TimeoutSeconds", "TimeoutSeconds must be an integer");

    [Fact]
    public void Every_problem_of_a_JSONata_state_is_reported()
    {
        var problems = Problems(JsonataMachine("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","InputPath":"$","ResultPath":"$.r","OutputPath":"$","Output":"{% ( %}","End":true}"""));
        Assert.Equal(["/States/A/InputPath", "/States/A/Output", "/States/A/OutputPath", "/States/A/ResultPath"], problems.Select(p => p.Pointer).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Expressions_are_compiled_into_the_model_and_literals_kept()
    {
        var loaded = DefinitionLoader.Load(JsonataMachine("""
            {"Type":"Pass","Output":{"fixed":[1,{"a":" {% not %} "}],"dyn":"{%  $states.input.x  %}","key.$":"$"},"Assign":{"v":5},"End":true}
            """));
        Assert.True(loaded.IsRunnable, string.Join(" | ", loaded.Problems));
        var fields = loaded.Definition!.Root.States["A"].Jsonata!;
        var output = Assert.IsType<JsonataObjectTemplate>(fields.Output);
        Assert.IsType<JsonataLiteral>(output.Fields[0].Value);
        Assert.Equal("$states.input.x", Assert.IsType<JsonataExpressionTemplate>(output.Fields[1].Value).Text);
        Assert.Equal("key.$", output.Fields[2].Key);
        Assert.IsType<JsonataLiteral>(fields.Assign);
    }

    [Fact]
    public void A_literal_Error_stays_and_an_expression_replaces_it()
    {
        var loaded = DefinitionLoader.Load("""
            {"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[
              {"StartAt":"A","States":{"A":{"Type":"Fail","Error":"Fixed","Cause":"{% 'c' %}"}}}],"End":true}}}
            """);
        var fail = (FailState)((ParallelState)loaded.Definition!.Root.States["P"]).Branches[0].States["A"];
        Assert.Equal("Fixed", fail.Error);
        Assert.Null(fail.Jsonata!.Error);
        Assert.Null(fail.Cause);
        Assert.NotNull(fail.Jsonata.Cause);
    }

    [Fact]
    public void Literal_Wait_Seconds_and_Timestamp_are_read_in_a_JSONata_state()
    {
        var loaded = DefinitionLoader.Load(JsonataMachine("""{"Type":"Wait","Seconds":3,"Next":"B"},"B":{"Type":"Wait","Timestamp":"2026-01-01T00:00:00Z","End":true}"""));
        Assert.Equal(3, ((WaitState)loaded.Definition!.Root.States["A"]).Seconds);
        Assert.Equal(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), ((WaitState)loaded.Definition.Root.States["B"]).Timestamp);
        HasProblemAt(JsonataMachine("""{"Type":"Wait","Seconds":-1,"End":true}"""), "/States/A/Seconds", "non-negative integer");
    }
}
