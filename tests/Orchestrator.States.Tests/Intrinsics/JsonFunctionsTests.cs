namespace Orchestrator.States.Tests.Intrinsics;

public sealed class JsonFunctionsTests
{
    [Theory]
    [InlineData("\"\"", "null")]
    [InlineData("\"  \"", "null")]
    [InlineData("\"null\"", "null")]
    [InlineData("\"-0\"", "0")]
    [InlineData("\"1.1\"", "1.1")]
    [InlineData("\"true\"", "true")]
    [InlineData("\"\\\"HelloWorld\\\"\"", "\"HelloWorld\"")]
    [InlineData("\"[1, 2, \\\"HelloWorld\\\"]\"", "[1, 2, \"HelloWorld\"]")]
    [InlineData("\" {\\\"Arg1\\\": 1, \\\"Arg2\\\": {\\\"x\\\": [null]}} \"", """{"Arg1": 1, "Arg2": {"x": [null]}}""")]
    [InlineData("\"{\\\"a\\\": 1, \\\"a\\\": 2}\"", """{"a": 2}""")]
    [InlineData("\"[{\\\"a\\\": {\\\"b\\\": 1, \\\"b\\\": [2]}}]\"", """[{"a": {"b": [2]}}]""")]
    public void StringToJson_parses_JSON_text(string inputString, string expected) =>
        Intrinsic.AssertResult(expected, "States.StringToJson($.s)", $$"""{"s": {{inputString}}}""");

    [Theory]
    [InlineData("States.StringToJson($.s)", """{"s": "{not json"}""")]
    [InlineData("States.StringToJson($.s)", """{"s": "1 2"}""")]
    [InlineData("States.StringToJson($.s)", """{"s": 12}""")]
    [InlineData("States.StringToJson($.s)", """{"s": null}""")]
    [InlineData("States.StringToJson($.s)", """{"s": {"a": 1}}""")]
    public void StringToJson_fails_on_invalid_text_or_a_non_string(string expression, string input) =>
        Intrinsic.AssertInvalidArguments(expression, input);

    [Theory]
    [InlineData("null", "null")]
    [InlineData("0", "0")]
    [InlineData("1.1", "1.1")]
    [InlineData("true", "true")]
    [InlineData("\"HelloWorld\"", "\"HelloWorld\"")]
    [InlineData("""[1, 2, "HelloWorld"]""", """[1,2,"HelloWorld"]""")]
    [InlineData("""{ "z": 1, "a": [ ], "m": { "k": null } }""", """{"z":1,"a":[],"m":{"k":null}}""")]
    [InlineData("""{"text": "é 🚀 <&> 'q' \"q\" \\ \n\t\u0001"}""", """{"text":"é 🚀 <&> 'q' \"q\" \\ \n\t\u0001"}""")]
    public void JsonToString_writes_compact_JSON_in_document_order(string valueJson, string expected) =>
        Assert.Equal(expected, Intrinsic.Evaluate("States.JsonToString($.value)", $$"""{"value": {{valueJson}}}""")!.GetValue<string>());

    [Fact]
    public void JsonToString_and_StringToJson_round_trip() =>
        Intrinsic.AssertResult(
            """{"a": [1, {"b": "c"}], "d": null}""",
            "States.StringToJson(States.JsonToString($.value))",
            """{"value": {"a": [1, {"b": "c"}], "d": null}}""");

    [Fact]
    public void JsonMerge_is_shallow_and_the_right_object_wins() =>
        Assert.Equal(
            """{"a":{"a3":1},"b":2,"d":4,"c":3}""",
            Intrinsic.Evaluate(
                "States.JsonToString(States.JsonMerge($.left, $.right, false))",
                """{"left": {"a": {"a1": 1}, "b": 2, "d": 3}, "right": {"a": {"a3": 1}, "d": 4, "c": 3}}""")!.GetValue<string>());

    [Fact]
    public void JsonMerge_accepts_a_non_boolean_mode_as_shallow() =>
        Intrinsic.AssertResult("""{"x": 1, "y": 2}""", "States.JsonMerge($.a, $.b, 'false')", """{"a": {"x": 1}, "b": {"y": 2}}""");

    [Fact]
    public void JsonMerge_leaves_its_inputs_unchanged()
    {
        var context = InputContext.Of("""{"a": {"x": 1}, "b": {"x": 2}}""");
        Orchestrator.States.Intrinsics.IntrinsicFunctions.Evaluate("States.JsonMerge($.a, $.b, false)", context);
        JsonEquivalence.AssertEquivalent("""{"x": 1}""", context.ResolvePath("$.a"));
    }

    [Theory]
    [InlineData("States.JsonMerge($.a, $.b, true)")]
    [InlineData("States.JsonMerge($.a, $.list, false)")]
    [InlineData("States.JsonMerge($.list, $.b, false)")]
    [InlineData("States.JsonMerge($.a, null, false)")]
    [InlineData("States.JsonMerge('{}', $.b, false)")]
    public void JsonMerge_fails_on_deep_mode_and_non_objects(string expression) =>
        Intrinsic.AssertInvalidArguments(expression, """{"a": {"x": 1}, "b": {"y": 2}, "list": []}""");
}
