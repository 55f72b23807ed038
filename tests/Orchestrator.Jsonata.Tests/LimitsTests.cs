using System.Text.Json.Nodes;

namespace Orchestrator.Jsonata.Tests;

public sealed class LimitsTests
{
    [Fact]
    public void Unbounded_recursion_is_a_jsonata_error_not_a_stack_overflow()
    {
        var expression = JsonataExpression.Parse("( $f := function($n){ 1 + $f($n + 1) }; $f(0) )");

        var ex = Assert.Throws<JsonataException>(() => expression.Evaluate(null));

        Assert.Equal("D1011", ex.Code);
    }

    [Fact]
    public void Recursion_guard_holds_even_with_a_huge_depth_limit()
    {
        var expression = JsonataExpression.Parse("( $f := function($n){ [$f($n + 1)] }; $f(0) )");

        var ex = Assert.Throws<JsonataException>(() => expression.Evaluate(null, new JsonataBindings { MaxDepth = int.MaxValue }));

        Assert.Equal("D1011", ex.Code);
    }

    [Fact]
    public void Depth_limit_is_configurable()
    {
        var expression = JsonataExpression.Parse("( $f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(40) )");

        Assert.Equal("40", expression.Evaluate(null).Value!.ToJsonString());
        Assert.Equal("D1011", Assert.Throws<JsonataException>(() => expression.Evaluate(null, new JsonataBindings { MaxDepth = 50 })).Code);
    }

    [Fact]
    public void Tail_calls_run_in_constant_stack()
    {
        var expression = JsonataExpression.Parse(
            "( $count := function($n, $acc){ $n = 0 ? $acc : $count($n - 1, $acc + 1) }; $count(100000, 0) )");

        Assert.Equal("100000", expression.Evaluate(null).Value!.ToJsonString());
    }

    [Fact]
    public void Step_limit_stops_an_infinite_loop()
    {
        var expression = JsonataExpression.Parse("( $loop := function($n){ $loop($n + 1) }; $loop(0) )");

        var ex = Assert.Throws<JsonataException>(() => expression.Evaluate(null, new JsonataBindings { MaxSteps = 10_000 }));

        Assert.Equal("D1012", ex.Code);
    }

    [Fact]
    public void Timeout_is_measured_on_the_injected_clock()
    {
        var clock = new FakeClock(DateTimeOffset.UnixEpoch) { AdvancePerRead = TimeSpan.FromMilliseconds(10) };
        var expression = JsonataExpression.Parse("( $loop := function($n){ $loop($n + 1) }; $loop(0) )");

        var ex = Assert.Throws<JsonataException>(() =>
            expression.Evaluate(null, new JsonataBindings { TimeProvider = clock, Timeout = TimeSpan.FromSeconds(1) }));

        Assert.Equal("D1012", ex.Code);
        Assert.Contains("1000 milliseconds", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Range_operator_refuses_huge_sequences()
    {
        var ex = Assert.Throws<JsonataException>(() => JsonataExpression.Parse("[1..20000000]").Evaluate(null));

        Assert.Equal("D2014", ex.Code);
    }

    [Fact]
    public void Deeply_nested_input_is_navigated()
    {
        JsonNode node = JsonValue.Create("leaf");
        for (var i = 0; i < 200; i++)
        {
            node = new JsonObject { ["n"] = node };
        }

        Assert.Equal("\"leaf\"", JsonataExpression.Parse("**[$type($) = 'string']").Evaluate(node).Value!.ToJsonString());
    }
}

public sealed class DeepRecursionTests
{
    [Fact]
    public void Default_limits_allow_a_thousand_levels_of_ordinary_recursion()
    {
        // run on a thread with a known stack so the result does not depend on the test runner's threads
        string? result = null;
        var thread = new Thread(
            () => result = JsonataExpression.Parse("( $f := function($n){ $n <= 1 ? 1 : 1 + $f($n - 1) }; $f(1000) )")
                .Evaluate(null).Value!.ToJsonString(),
            4 * 1024 * 1024);
        thread.Start();
        thread.Join();

        Assert.Equal("1000", result);
    }
}
