using System.Text.Json.Nodes;
using Orchestrator.States.Intrinsics;

namespace Orchestrator.States.Tests.Intrinsics;

public sealed class IntrinsicSyntaxTests
{
    [Theory]
    [InlineData("States.Format('x')")]
    [InlineData("States.Array()")]
    [InlineData("States.UUID()")]
    [InlineData("States.MathAdd(")]
    public void Recognises_a_call_to_a_known_function(string value) => Assert.True(IntrinsicFunctions.IsIntrinsic(value));

    [Theory]
    [InlineData("States.Foo()")]
    [InlineData("States.Format")]
    [InlineData("States.Formats('x')")]
    [InlineData(" States.Format('x')")]
    [InlineData("states.format('x')")]
    [InlineData("$.States.Format")]
    [InlineData("")]
    public void Does_not_recognise_anything_else(string value) => Assert.False(IntrinsicFunctions.IsIntrinsic(value));

    [Theory]
    [InlineData("States.Format('{} and {}', $.a, $['b,c'])")]
    [InlineData("States.Array( 1 , -2.5 , 1e3 , true , false , null , 'x' )")]
    [InlineData("States.Array($$.Execution.Id, $var, $var.field[0], $.list[?(@.a == 'x,)')])")]
    [InlineData("States.JsonMerge(States.StringToJson('{\"a\": 1}'), $.b, false)")]
    [InlineData(@"States.Format('it\'s \{\} \\ {}', $.a)")]
    [InlineData("States.UUID()")]
    [InlineData("States.MathRandom(1, 10)")]
    [InlineData("States.MathRandom(1, 10, 42)")]
    public void Validates_well_formed_calls(string expression) => Assert.Empty(IntrinsicFunctions.Validate(expression));

    [Theory]
    [InlineData("States.Format()", "States.Format: expected at least 1 argument, got 0")]
    [InlineData("States.MathAdd(1)", "States.MathAdd: expected 2 arguments, got 1")]
    [InlineData("States.ArrayLength($.a, $.b)", "States.ArrayLength: expected 1 argument, got 2")]
    [InlineData("States.MathRandom(1, 2, 3, 4)", "States.MathRandom: expected 2 to 3 arguments, got 4")]
    [InlineData("States.UUID(1)", "States.UUID: expected no arguments, got 1")]
    [InlineData("States.JsonMerge($.a, $.b)", "States.JsonMerge: expected 3 arguments, got 2")]
    public void Reports_the_argument_count_of_a_call(string expression, string problem) =>
        Assert.Equal([problem], IntrinsicFunctions.Validate(expression));

    [Fact]
    public void Reports_the_argument_count_of_every_nested_call() =>
        Assert.Equal(
            ["States.Hash: expected 2 arguments, got 1", "States.MathAdd: expected 2 arguments, got 3"],
            IntrinsicFunctions.Validate("States.Array(States.Hash('x'), States.MathAdd(1, 2, 3))"));

    [Theory]
    [InlineData("States.Foo(1)", "unknown intrinsic function 'States.Foo'")]
    [InlineData("States.Array(States.Bar())", "unknown intrinsic function 'States.Bar'")]
    [InlineData("States.Format('abc", "unterminated string literal")]
    [InlineData(@"States.Format('a\nb')", "invalid escape")]
    [InlineData(@"States.Format('a\""b')", "invalid escape")]
    [InlineData("States.Array(1, 2", "missing ')'")]
    [InlineData("States.Array($.a", "missing ')'")]
    [InlineData("States.Array(1,)", "expected an argument")]
    [InlineData("States.Array(,1)", "expected an argument")]
    [InlineData("States.Array(1 2)", "expected ',' or ')'")]
    [InlineData("States.Array() x", "after the closing ')'")]
    [InlineData("States.Array(01)", "invalid number '01'")]
    [InlineData("States.Array(1.)", "invalid number '1.'")]
    [InlineData("States.Array(-)", "invalid number '-'")]
    [InlineData("States.Array(truex)", "unexpected 't'")]
    [InlineData("States.Array(\"x\")", "unexpected '\"'")]
    [InlineData("States.Array States.UUID()", "expected '('")]
    public void Reports_syntax_problems(string expression, string fragment)
    {
        var problems = IntrinsicFunctions.Validate(expression);
        var problem = Assert.Single(problems);
        Assert.Contains(fragment, problem, StringComparison.Ordinal);
        Assert.Contains("(at position ", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Allows_ten_nested_calls_and_rejects_eleven()
    {
        static string Nested(int depth) => depth == 1 ? "States.Array(1)" : "States.Array(" + Nested(depth - 1) + ")";

        Assert.Empty(IntrinsicFunctions.Validate(Nested(10)));
        Assert.Contains("nested at most 10 deep", Assert.Single(IntrinsicFunctions.Validate(Nested(11))), StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluating_a_malformed_expression_fails_with_the_syntax_problem()
    {
        var failure = Intrinsic.Failure("States.Format('abc");
        Assert.Equal("States.Runtime", failure.Error);
        Assert.Contains("unterminated string literal", failure.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluating_a_call_with_the_wrong_argument_count_fails_like_AWS() =>
        Intrinsic.AssertInvalidArguments("States.MathAdd(1)");

    [Theory]
    [InlineData(@"States.Format('it\'s')", "it's")]
    [InlineData(@"States.Format('back\\slash')", @"back\slash")]
    [InlineData(@"States.Format('\{\}')", "{}")]
    [InlineData(@"States.StringSplit('a\{b\}c', '\{\}')", null)]
    public void Unescapes_string_literals(string expression, string? expected)
    {
        if (expected is null)
        {
            Intrinsic.AssertResult("""["a","b","c"]""", expression);
            return;
        }

        Assert.Equal(expected, Intrinsic.Evaluate(expression)!.GetValue<string>());
    }

    [Fact]
    public void Evaluates_literals_of_every_kind() =>
        Intrinsic.AssertResult("""[1, -2.5, 1000, true, false, null, "x", ""]""", "States.Array(1, -2.5, 1e3, true, false, null, 'x', '')");

    [Fact]
    public void Resolves_input_context_and_variable_paths()
    {
        var context = new InputContext(
            JsonNode.Parse("""{"a": {"b": [10, 20]}, "c,d": 3}"""),
            new Dictionary<string, JsonNode?> { ["limit"] = JsonNode.Parse("""{"max": 5}""") });

        var result = IntrinsicFunctions.Evaluate("States.Array($.a.b[1], $['c,d'], $$.Execution.Input.a.b[0], $limit.max)", context);

        JsonEquivalence.AssertEquivalent("[20, 3, 10, 5]", result);
    }

    [Fact]
    public void Evaluates_nested_calls_inside_out() =>
        Assert.Equal(
            "b-c",
            Intrinsic.Evaluate(
                "States.Format('{}-{}', States.ArrayGetItem(States.StringSplit($.arn, ':'), 1), States.ArrayGetItem(States.StringSplit($.arn, ':'), 2))",
                """{"arn": "a:b:c"}""")!.GetValue<string>());

    [Fact]
    public void Evaluates_the_nine_call_example_of_the_AWS_guide() =>
        Assert.Equal(
            "recipe.1.0",
            Intrinsic.Evaluate(
                "States.Format('{}.{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 2))",
                """{"ImageRecipe": {"Arn": "arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/x/recipe.1.0"}}""")!.GetValue<string>());

    [Fact]
    public void Returns_a_detached_node_the_caller_can_attach()
    {
        var context = InputContext.Of("""{"items": [{"id": 1}, {"id": 2}]}""");

        var item = IntrinsicFunctions.Evaluate("States.ArrayGetItem($.items, 1)", context);
        var literal = IntrinsicFunctions.Evaluate("States.ArrayGetItem(States.Array(7), 0)", context);

        Assert.Null(item!.Parent);
        var output = new JsonObject { ["item"] = item, ["literal"] = literal };
        JsonEquivalence.AssertEquivalent("""{"item": {"id": 2}, "literal": 7}""", output);
        JsonEquivalence.AssertEquivalent("""{"id": 2}""", context.ResolvePath("$.items[1]"));
    }

    [Fact]
    public void Evaluates_the_same_expression_concurrently_with_different_inputs()
    {
        const string expression = "States.MathAdd(States.ArrayLength(States.StringSplit($.csv, ',')), $.n)";

        var results = new int[200];
        Parallel.For(0, results.Length, i =>
        {
            var input = new JsonObject { ["csv"] = string.Join(',', Enumerable.Repeat("x", (i % 5) + 1)), ["n"] = i };
            results[i] = IntrinsicFunctions.Evaluate(expression, new InputContext(input))!.GetValue<int>();
        });

        Assert.Equal(Enumerable.Range(0, results.Length).Select(i => (i % 5) + 1 + i), results);
    }

    [Fact]
    public void A_missing_path_fails_with_the_engines_error()
    {
        var failure = Intrinsic.Failure("States.ArrayLength($.missing)");
        Assert.Equal("States.Runtime", failure.Error);
        Assert.Contains("$.missing", failure.Cause, StringComparison.Ordinal);
    }
}
