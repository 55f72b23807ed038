using System.Text.Json.Nodes;
using Orchestrator.States.Intrinsics;

namespace Orchestrator.States.Tests.Intrinsics;

public sealed class MathFunctionsTests
{
    [Theory]
    [InlineData("-9", "3", -6)]
    [InlineData("1.49", "1.5", 3)]
    [InlineData("1.5", "1.51", 4)]
    [InlineData("-1.49", "-1.5", -2)]
    [InlineData("-1.5", "-1.51", -3)]
    [InlineData("0.5", "0", 1)]
    [InlineData("2.5", "0", 3)]
    [InlineData("-0.5", "0.5", 1)]
    [InlineData("-0.5", "0", 0)]
    [InlineData("-2.5", "0", -2)]
    [InlineData("-3.5", "0", -3)]
    [InlineData("0.49999999999999994", "0", 0)]
    [InlineData("2147483646", "1", 2147483647)]
    [InlineData("-2147483647", "-1", -2147483648)]
    public void MathAdd_rounds_each_operand_half_up_then_adds(string a, string b, int expected) =>
        Assert.Equal(expected, Intrinsic.Evaluate($"States.MathAdd({a}, {b})")!.GetValue<int>());

    [Fact]
    public void MathAdd_reads_operands_from_paths_and_nested_calls() =>
        Assert.Equal(8, Intrinsic.Evaluate("States.MathAdd(States.MathAdd($.x, 1), 2)", """{"x": 5}""")!.GetValue<int>());

    [Theory]
    [InlineData("States.MathAdd(2147483647, 1)")]
    [InlineData("States.MathAdd(-2147483648, -1)")]
    [InlineData("States.MathAdd(3000000000, 1)")]
    [InlineData("States.MathAdd('1', 2)")]
    [InlineData("States.MathAdd(null, 1)")]
    [InlineData("States.MathAdd(true, 1)")]
    [InlineData("States.MathAdd(1, States.Array(1))")]
    public void MathAdd_fails_outside_int32_or_on_non_numbers(string expression) =>
        Intrinsic.AssertInvalidArguments(expression);

    [Fact]
    public void MathRandom_draws_from_start_inclusive_to_end_exclusive()
    {
        var context = new InputContext(new JsonObject(), seed: 3);
        var draws = Enumerable.Range(0, 500)
            .Select(_ => IntrinsicFunctions.Evaluate("States.MathRandom(1, 4)", context)!.GetValue<int>())
            .ToHashSet();

        Assert.Equal([1, 2, 3], draws.Order());
    }

    [Fact]
    public void MathRandom_drops_fractions_from_the_bounds()
    {
        var context = new InputContext(new JsonObject(), seed: 3);
        var draws = Enumerable.Range(0, 500)
            .Select(_ => IntrinsicFunctions.Evaluate("States.MathRandom(1.6, 5.4)", context)!.GetValue<int>())
            .ToHashSet();

        Assert.Equal([1, 2, 3, 4], draws.Order());
    }

    [Fact]
    public void MathRandom_uses_the_context_random_source()
    {
        static int Draw(int seed) => IntrinsicFunctions.Evaluate("States.MathRandom(0, 1000000)", new InputContext(null, seed: seed))!.GetValue<int>();

        Assert.Equal(Draw(11), Draw(11));
        Assert.NotEqual(Draw(11), Draw(12));
    }

    [Fact]
    public void MathRandom_with_a_seed_is_the_same_whatever_the_context()
    {
        var first = IntrinsicFunctions.Evaluate("States.MathRandom(1, 1000000, 42)", new InputContext(null, seed: 1))!.GetValue<int>();
        var second = IntrinsicFunctions.Evaluate("States.MathRandom(1, 1000000, 42)", new InputContext(null, seed: 2))!.GetValue<int>();
        var otherSeed = IntrinsicFunctions.Evaluate("States.MathRandom(1, 1000000, 43)", new InputContext(null, seed: 1))!.GetValue<int>();

        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);
        Assert.InRange(first, 1, 999999);
    }

    [Theory]
    [InlineData("States.MathRandom(1, 1)")]
    [InlineData("States.MathRandom(10, 5)")]
    [InlineData("States.MathRandom(1.4, 1.6)")]
    [InlineData("States.MathRandom('a', 10)")]
    [InlineData("States.MathRandom(1, 'b')")]
    [InlineData("States.MathRandom(1, 10, 'seed')")]
    [InlineData("States.MathRandom(1, 10, null)")]
    [InlineData("States.MathRandom(1, 3000000000)")]
    public void MathRandom_fails_on_an_empty_range_or_non_numbers(string expression) =>
        Intrinsic.AssertInvalidArguments(expression);
}
