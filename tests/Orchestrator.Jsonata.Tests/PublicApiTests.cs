using System.Text.Json.Nodes;

namespace Orchestrator.Jsonata.Tests;

public sealed class PublicApiTests
{
    private static JsonataResult Eval(string expression, string? inputJson = null, JsonataBindings? bindings = null) =>
        JsonataExpression.Parse(expression).Evaluate(inputJson is null ? null : JsonNode.Parse(inputJson), bindings);

    [Fact]
    public void Undefined_and_null_are_different_results()
    {
        var missing = Eval("a", """{"b": 1}""");
        var isNull = Eval("a", """{"a": null}""");

        Assert.False(missing.IsDefined);
        Assert.True(isNull.IsDefined);
        Assert.Null(isNull.Value);
    }

    [Fact]
    public void A_function_result_is_undefined_and_flagged()
    {
        var function = Eval("function($x){ $x }");
        var missing = Eval("nothing");

        Assert.False(function.IsDefined);
        Assert.True(function.IsFunction);
        Assert.False(missing.IsFunction);
        Assert.True(Eval("$uppercase").IsFunction);
    }

    [Fact]
    public void BindObject_reads_members_that_belong_to_other_documents_without_changing_them()
    {
        var document = JsonNode.Parse("""{"input": {"n": 2}, "ctx": {"name": "x"}}""")!;
        var bindings = new JsonataBindings().BindObject("states", [
            new("input", document["input"]), new("context", document["ctx"]), new("none", null)]);

        var result = Eval("[$states.input.n * 3, $states.context.name, $type($states.none), $exists($states.other)]", bindings: bindings);

        Assert.Equal("""[6,"x","null",false]""", result.Value!.ToJsonString());
        Assert.Same(document, document["input"]!.Root);
        Assert.Equal("""{"input":{"n":2},"ctx":{"name":"x"}}""", document.ToJsonString());
    }

    [Fact]
    public void Bind_and_BindObject_replace_each_other()
    {
        var bindings = new JsonataBindings().BindObject("v", [new("a", JsonValue.Create(1))]).Bind("v", JsonValue.Create("plain"));
        Assert.Equal("\"plain\"", Eval("$v", bindings: bindings).Value!.ToJsonString());

        bindings.BindObject("v", [new("a", JsonValue.Create(1))]);
        Assert.Equal("1", Eval("$v.a", bindings: bindings).Value!.ToJsonString());
    }

    [Fact]
    public void Null_input_is_json_null()
    {
        Assert.Equal("\"null\"", Eval("$type($)").Value!.ToJsonString());
    }

    [Fact]
    public void Integral_numbers_serialize_without_a_fraction()
    {
        Assert.Equal("3", Eval("1.5 * 2").Value!.ToJsonString());
        Assert.Equal("[1,2.5]", Eval("[2/2, 5/2]").Value!.ToJsonString());
        Assert.Equal("{\"n\":100}", Eval("{'n': n * 100}", """{"n": 1.0}""").Value!.ToJsonString());
    }

    [Theory]
    [InlineData("1/0")]
    [InlineData("[1, -1/0]")]
    [InlineData("{'x': 1e300 * 1e10}")]
    [InlineData("(1/0) + 1")]
    public void Non_finite_results_raise_D1001(string expression)
    {
        var ex = Assert.Throws<JsonataException>(() => Eval(expression));
        Assert.Equal("D1001", ex.Code);
    }

    [Fact]
    public void Variables_are_bound_by_name_with_or_without_the_dollar()
    {
        var bindings = new JsonataBindings()
            .Bind("rate", JsonValue.Create(0.2))
            .Bind("$label", JsonValue.Create("vat"));

        var result = Eval("$label & ':' & $string(price * $rate)", """{"price": 50}""", bindings);

        Assert.Equal("\"vat:10\"", result.Value!.ToJsonString());
    }

    [Fact]
    public void Host_functions_receive_evaluated_arguments_including_undefined()
    {
        IReadOnlyList<JsonataResult>? seen = null;
        var bindings = new JsonataBindings().RegisterFunction("probe", args =>
        {
            seen = args;
            return JsonataResult.Of(JsonValue.Create(args.Count));
        });

        var result = Eval("$probe(a, missing, [1,2])", """{"a": "x"}""", bindings);

        Assert.Equal("3", result.Value!.ToJsonString());
        Assert.NotNull(seen);
        Assert.Equal("\"x\"", seen![0].Value!.ToJsonString());
        Assert.False(seen[1].IsDefined);
        Assert.Equal("[1,2]", seen[2].Value!.ToJsonString());
    }

    [Fact]
    public void Host_function_returning_undefined_disappears_from_objects()
    {
        var bindings = new JsonataBindings().RegisterFunction("nothing", _ => JsonataResult.Undefined);

        Assert.Equal("{\"b\":1}", Eval("{'a': $nothing(), 'b': 1}", null, bindings).Value!.ToJsonString());
    }

    [Fact]
    public void Host_function_signature_is_validated()
    {
        var bindings = new JsonataBindings().RegisterFunction("add", args =>
            JsonataResult.Of(JsonValue.Create(args[0].Value!.GetValue<double>() + args[1].Value!.GetValue<double>())), "<nn:n>");

        Assert.Equal("5", Eval("$add(2, 3)", null, bindings).Value!.ToJsonString());
        var ex = Assert.Throws<JsonataException>(() => Eval("$add(2, 'x')", null, bindings));
        Assert.Equal("T0410", ex.Code);
        Assert.Contains("Argument 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_function_signature_can_take_the_context_value()
    {
        var bindings = new JsonataBindings().RegisterFunction("shout", args =>
            JsonataResult.Of(JsonValue.Create(args[0].Value!.GetValue<string>() + "!")), "<s-:s>");

        Assert.Equal("[\"a!\",\"b!\"]", Eval("names.$shout()", """{"names": ["a", "b"]}""", bindings).Value!.ToJsonString());
    }

    [Fact]
    public void Host_functions_can_be_passed_to_higher_order_functions()
    {
        var bindings = new JsonataBindings().RegisterFunction("twice", args =>
            JsonataResult.Of(JsonValue.Create(args[0].Value!.GetValue<double>() * 2)), "<n:n>");

        Assert.Equal("[2,4,6]", Eval("$map([1,2,3], $twice)", null, bindings).Value!.ToJsonString());
    }

    [Fact]
    public void Host_function_exceptions_propagate_unchanged()
    {
        var bindings = new JsonataBindings().RegisterFunction("fail", _ => throw new JsonataException("X0001", 0, "host said no"));

        var ex = Assert.Throws<JsonataException>(() => Eval("$fail()", null, bindings));
        Assert.Equal("X0001", ex.Code);
    }

    [Fact]
    public void Now_and_millis_come_from_the_injected_clock_and_are_stable_within_an_evaluation()
    {
        var clock = new FakeClock(new DateTimeOffset(2025, 7, 4, 10, 30, 15, 250, TimeSpan.Zero));
        var bindings = new JsonataBindings { TimeProvider = clock };

        Assert.Equal("\"2025-07-04T10:30:15.250Z\"", Eval("$now()", null, bindings).Value!.ToJsonString());
        Assert.Equal("1751625015250", Eval("$millis()", null, bindings).Value!.ToJsonString());
        Assert.Equal("true", Eval("$millis() = $millis()", null, bindings).Value!.ToJsonString());
        Assert.Equal("\"04/07/2025\"", Eval("$now('[D01]/[M01]/[Y0001]')", null, bindings).Value!.ToJsonString());

        clock.Now = clock.Now.AddDays(1);
        Assert.Equal("\"2025-07-05T10:30:15.250Z\"", Eval("$now()", null, bindings).Value!.ToJsonString());
    }

    [Fact]
    public void Random_comes_from_the_injected_generator()
    {
        string Run(int seed) =>
            Eval("[$random(), $shuffle([1,2,3,4,5,6,7,8])]", null, new JsonataBindings { Random = new Random(seed) }).Value!.ToJsonString();

        Assert.Equal(Run(42), Run(42));
        Assert.NotEqual(Run(42), Run(43));
    }

    [Fact]
    public void One_parsed_expression_evaluates_concurrently()
    {
        var expression = JsonataExpression.Parse(
            "( $double := function($x){ $x * 2 }; items@$i#$n.{ 'n': $n, 'v': $double($i) } ~> $sort(function($a, $b){ $a.v < $b.v }) )");
        var failures = 0;
        Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var input = new JsonObject { ["items"] = new JsonArray(JsonValue.Create(i), JsonValue.Create(i + 1)) };
            var result = expression.Evaluate(input).Value!.AsArray();
            if (result[0]!["v"]!.GetValue<long>() != (i + 1) * 2 || result[1]!["v"]!.GetValue<long>() != i * 2)
            {
                Interlocked.Increment(ref failures);
            }
        });

        Assert.Equal(0, failures);
    }

    [Fact]
    public void Input_is_not_modified_by_transforms()
    {
        var input = JsonNode.Parse("""{"a": {"b": 1}}""");
        var result = JsonataExpression.Parse("$ ~> |a|{'b': 2}|").Evaluate(input);

        Assert.Equal("{\"a\":{\"b\":2}}", result.Value!.ToJsonString());
        Assert.Equal("{\"a\":{\"b\":1}}", input!.ToJsonString());
    }

    [Fact]
    public void Evaluating_twice_gives_the_same_result()
    {
        var expression = JsonataExpression.Parse("orders{ status: $sum(total) }");
        var input = JsonNode.Parse("""{"orders": [{"status": "a", "total": 1}, {"status": "a", "total": 2}]}""");

        Assert.Equal(expression.Evaluate(input).Value!.ToJsonString(), expression.Evaluate(input).Value!.ToJsonString());
    }

    [Fact]
    public void Expression_text_is_kept()
    {
        Assert.Equal("a.b", JsonataExpression.Parse("a.b").Text);
    }
}

public sealed class InputShapeTests
{
    [Fact]
    public void Values_created_from_clr_types_are_read_as_json()
    {
        var input = new JsonObject
        {
            ["when"] = JsonValue.Create(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero)),
            ["id"] = JsonValue.Create(Guid.Empty),
            ["n"] = JsonValue.Create(7m),
            ["i"] = JsonValue.Create((short)3),
        };

        var result = JsonataExpression.Parse("[when, id, n * i]").Evaluate(input).Value!.AsArray();

        Assert.Equal("2025-01-02T03:04:05+00:00", result[0]!.GetValue<string>());
        Assert.Equal("00000000-0000-0000-0000-000000000000", result[1]!.GetValue<string>());
        Assert.Equal(21L, result[2]!.GetValue<long>());
    }

    [Fact]
    public void A_top_level_string_value_is_the_context()
    {
        Assert.Equal("\"ABC\"", JsonataExpression.Parse("$uppercase($)").Evaluate(JsonValue.Create("abc")).Value!.ToJsonString());
        Assert.Equal("1970-01-01T00:00:00+00:00", JsonataExpression.Parse("$").Evaluate(JsonValue.Create(DateTimeOffset.UnixEpoch)).Value!.GetValue<string>());
    }
}
