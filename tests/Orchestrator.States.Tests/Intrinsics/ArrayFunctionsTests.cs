namespace Orchestrator.States.Tests.Intrinsics;

public sealed class ArrayFunctionsTests
{
    private const string Input = """{"nine": [1, 2, 3, 4, 5, 6, 7, 8, 9], "empty": [], "text": "abc", "objects": [{"a": 1, "b": 2}, [1, 2], "true", 9007199254740991]}""";

    [Fact]
    public void Array_collects_its_arguments_in_order() =>
        Intrinsic.AssertResult("""[[], "abc", 1, null, [1, 2]]""", "States.Array($.empty, $.text, 1, null, States.Array(1, 2))", Input);

    [Fact]
    public void Array_without_arguments_is_empty() => Intrinsic.AssertResult("[]", "States.Array()");

    [Theory]
    [InlineData("4", "[[1,2,3,4],[5,6,7,8],[9]]")]
    [InlineData("9", "[[1,2,3,4,5,6,7,8,9]]")]
    [InlineData("2147483647", "[[1,2,3,4,5,6,7,8,9]]")]
    [InlineData("1", "[[1],[2],[3],[4],[5],[6],[7],[8],[9]]")]
    [InlineData("2.6", "[[1,2],[3,4],[5,6],[7,8],[9]]")]
    public void ArrayPartition_chunks_the_array(string size, string expected) =>
        Intrinsic.AssertResult(expected, $"States.ArrayPartition($.nine, {size})", Input);

    [Fact]
    public void ArrayPartition_of_an_empty_array_is_empty() => Intrinsic.AssertResult("[]", "States.ArrayPartition($.empty, 3)", Input);

    [Theory]
    [InlineData("States.ArrayPartition($.nine, 0)")]
    [InlineData("States.ArrayPartition($.nine, -1)")]
    [InlineData("States.ArrayPartition($.nine, 0.6)")]
    [InlineData("States.ArrayPartition($.nine, '2')")]
    [InlineData("States.ArrayPartition($.nine, null)")]
    [InlineData("States.ArrayPartition($.text, 2)")]
    public void ArrayPartition_fails_on_a_bad_chunk_size_or_a_non_array(string expression) =>
        Intrinsic.AssertInvalidArguments(expression, Input);

    [Theory]
    [InlineData("$.nine", "5", true)]
    [InlineData("$.nine", "10", false)]
    [InlineData("$.empty", "null", false)]
    [InlineData("$.objects", "States.StringToJson('{\"a\": 1, \"b\": 2}')", true)]
    [InlineData("$.objects", "States.StringToJson('{\"b\": 2, \"a\": 1}')", false)]
    [InlineData("$.objects", "States.Array(1, 2)", true)]
    [InlineData("$.objects", "true", true)]
    [InlineData("$.objects", "9007199254740991", true)]
    [InlineData("$.objects", "'abc'", false)]
    public void ArrayContains_compares_values_as_AWS_does(string array, string value, bool expected) =>
        Assert.Equal(expected, Intrinsic.Evaluate($"States.ArrayContains({array}, {value})", Input)!.GetValue<bool>());

    [Fact]
    public void ArrayContains_fails_on_a_non_array() => Intrinsic.AssertInvalidArguments("States.ArrayContains($.text, 'a')", Input);

    [Theory]
    [InlineData("1, 9, 2", "[1,3,5,7,9]")]
    [InlineData("0, 10, 3", "[0,3,6,9]")]
    [InlineData("1, 9, 9", "[1]")]
    [InlineData("3, 3, -1", "[3]")]
    [InlineData("5, 1, -2", "[5,3,1]")]
    [InlineData("5, 1, 1", "[]")]
    [InlineData("1, 5, -1", "[]")]
    [InlineData("-2, 2, 2", "[-2,0,2]")]
    [InlineData("1.6, 1.4, 1", "[1]")]
    [InlineData("5.4, -0.6, -2.4", "[5,3,1]")]
    public void ArrayRange_counts_from_first_to_last(string arguments, string expected) =>
        Intrinsic.AssertResult(expected, $"States.ArrayRange({arguments})");

    [Fact]
    public void ArrayRange_allows_exactly_1000_items()
    {
        var up = Intrinsic.Evaluate("States.ArrayRange(1, 1000, 1)")!.AsArray();
        var down = Intrinsic.Evaluate("States.ArrayRange(1000, 1, -1)")!.AsArray();

        Assert.Equal(Enumerable.Range(1, 1000), up.Select(item => item!.GetValue<long>()).Select(item => (int)item));
        Assert.Equal(1000, down.Count);
        Assert.Equal(1, down[^1]!.GetValue<long>());
    }

    [Theory]
    [InlineData("States.ArrayRange(1, 1001, 1)")]
    [InlineData("States.ArrayRange(1001, 1, -1)")]
    [InlineData("States.ArrayRange(1, 10, 0)")]
    [InlineData("States.ArrayRange(1, 10, 0.49)")]
    [InlineData("States.ArrayRange('a', 5, 1)")]
    [InlineData("States.ArrayRange(1, null, 1)")]
    [InlineData("States.ArrayRange(-2147483648, 2147483647, 1)")]
    [InlineData("States.ArrayRange(1, 3000000000, 1)")]
    public void ArrayRange_fails_on_a_zero_step_too_many_items_or_non_numbers(string expression) =>
        Intrinsic.AssertInvalidArguments(expression);

    [Theory]
    [InlineData("5", "6")]
    [InlineData("0", "1")]
    [InlineData("8", "9")]
    [InlineData("1.9", "2")]
    public void ArrayGetItem_returns_the_item_at_the_index(string index, string expected) =>
        Intrinsic.AssertResult(expected, $"States.ArrayGetItem($.nine, {index})", Input);

    [Fact]
    public void ArrayGetItem_returns_nested_values() =>
        Intrinsic.AssertResult("""{"a": 1, "b": 2}""", "States.ArrayGetItem($.objects, 0)", Input);

    [Theory]
    [InlineData("States.ArrayGetItem($.nine, 9)")]
    [InlineData("States.ArrayGetItem($.nine, -1)")]
    [InlineData("States.ArrayGetItem($.empty, 0)")]
    [InlineData("States.ArrayGetItem($.nine, '1')")]
    [InlineData("States.ArrayGetItem($.text, 0)")]
    public void ArrayGetItem_fails_out_of_range_or_on_wrong_types(string expression) =>
        Intrinsic.AssertInvalidArguments(expression, Input);

    [Theory]
    [InlineData("$.nine", 9)]
    [InlineData("$.empty", 0)]
    [InlineData("$.objects", 4)]
    public void ArrayLength_counts_items(string array, int expected) =>
        Assert.Equal(expected, Intrinsic.Evaluate($"States.ArrayLength({array})", Input)!.GetValue<int>());

    [Fact]
    public void ArrayLength_fails_on_a_non_array() => Intrinsic.AssertInvalidArguments("States.ArrayLength($.text)", Input);

    [Fact]
    public void ArrayUnique_keeps_first_occurrences_in_order() =>
        Intrinsic.AssertResult(
            """[null, true, false, 1, 1.1, 0, "HelloWorld", [], [null], {"a": 1, "b": 2}, {"a": 1, "b": 1}, "1"]""",
            "States.ArrayUnique($.values)",
            """{"values": [null, null, true, true, false, false, 1, 1, 1.1, 0, 0, "HelloWorld", "HelloWorld", [], [], [null], [null], {"a": 1, "b": 2}, {"a": 1, "b": 2}, {"a": 1, "b": 1}, "1"]}""");

    [Fact]
    public void ArrayUnique_fails_on_a_non_array() => Intrinsic.AssertInvalidArguments("States.ArrayUnique($.text)", Input);
}
