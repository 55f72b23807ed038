using System.Text.Json.Nodes;

namespace Orchestrator.Jsonata.Tests;

public sealed class StepFunctionsJsonataFunctionsTests
{
    private static JsonataBindings Bindings(Random? random = null) =>
        StepFunctionsJsonataFunctions.Register(new JsonataBindings { Random = random });

    private static string Eval(string expression, string? input = null, JsonataBindings? bindings = null)
    {
        var result = JsonataExpression.Parse(expression).Evaluate(input is null ? null : JsonNode.Parse(input), bindings ?? Bindings());
        return result.IsDefined ? result.Value?.ToJsonString() ?? "null" : "undefined";
    }

    private static string Code(string expression) =>
        Assert.Throws<JsonataException>(() => Eval(expression)).Code;

    [Theory]
    [InlineData("$partition([0], 1)", "[[0]]")]
    [InlineData("$partition([0, 1], 1)", "[[0],[1]]")]
    [InlineData("$partition([0, 1, 2], 2)", "[[0,1],[2]]")]
    [InlineData("$partition([0, 1, 2, 3], 4)", "[[0,1,2,3]]")]
    [InlineData("$partition([0, 1], 5)", "[[0,1]]")]
    [InlineData("$partition([], 2)", "[]")]
    [InlineData("$partition(['a', {'b': 1}, null], 2)", "[[\"a\",{\"b\":1}],[null]]")]
    public void Partition_splits_into_chunks(string expression, string expected) => Assert.Equal(expected, Eval(expression));

    [Theory]
    [InlineData("$partition([1, 2], 0)")]
    [InlineData("$partition([1, 2], -1)")]
    [InlineData("$partition([1, 2], 1.5)")]
    public void Partition_needs_a_positive_integer_size(string expression) => Assert.Equal("D3900", Code(expression));

    [Theory]
    [InlineData("$range(0, 9, 3)", "[0,3,6,9]")]
    [InlineData("$range(0, 10, 3)", "[0,3,6,9]")]
    [InlineData("$range(1, 9, 2)", "[1,3,5,7,9]")]
    [InlineData("$range(1, 9, 9)", "1")]
    [InlineData("$range(5, 1, -2)", "[5,3,1]")]
    [InlineData("$range(5, 1, 1)", "undefined")]
    public void Range_counts_inclusively(string expression, string expected) => Assert.Equal(expected, Eval(expression));

    [Theory]
    [InlineData("$range(0, 5, 0)")]
    [InlineData("$range(0.5, 5, 1)")]
    [InlineData("$range(0, 5000, 1)")]
    public void Range_rejects_bad_arguments(string expression) => Assert.Equal("D3901", Code(expression));

    [Fact]
    public void Range_with_wrong_types_fails_signature_validation() => Assert.Equal("T0410", Code("$range('a', 5, 1)"));

    [Theory]
    [InlineData("MD5", "5d41402abc4b2a76b9719d911017c592")]
    [InlineData("SHA-1", "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d")]
    [InlineData("SHA-256", "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")]
    public void Hash_is_lowercase_hex(string algorithm, string expected) =>
        Assert.Equal($"\"{expected}\"", Eval($"$hash('hello', '{algorithm}')"));

    [Fact]
    public void Hash_lengths_for_longer_digests()
    {
        Assert.Equal("96", Eval("$length($hash('x', 'SHA-384'))"));
        Assert.Equal("128", Eval("$length($hash('x', 'SHA-512'))"));
    }

    [Fact]
    public void Hash_rejects_unknown_algorithms() => Assert.Equal("D3902", Code("$hash('x', 'SHA-3')"));

    [Fact]
    public void Random_with_a_seed_is_repeatable()
    {
        var first = Eval("$random(7)");
        Assert.Equal(first, Eval("$random(7)"));
        Assert.NotEqual(first, Eval("$random(8)"));
        var value = double.Parse(first, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(value, 0, 1);
        Assert.NotEqual(1, value);
    }

    [Fact]
    public void Random_without_a_seed_uses_the_bindings_generator()
    {
        Assert.Equal(Eval("$random()", null, Bindings(new Random(5))), Eval("$random()", null, Bindings(new Random(5))));
        Assert.Equal("D3904", Code("$random(1.5)"));
    }

    [Fact]
    public void Uuid_is_a_version_4_uuid()
    {
        var uuid = JsonNode.Parse(Eval("$uuid()"))!.GetValue<string>();

        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", uuid);
        Assert.NotEqual(uuid, JsonNode.Parse(Eval("$uuid()"))!.GetValue<string>());
    }

    [Theory]
    [InlineData("-0", "0")]
    [InlineData("1", "1")]
    [InlineData("1.1", "1.1")]
    [InlineData("true", "true")]
    [InlineData("\"HelloWorld\"", "\"HelloWorld\"")]
    [InlineData("[1,2,\"HelloWorld\"]", "[1,2,\"HelloWorld\"]")]
    [InlineData("{\"Arg1\":1,\"Arg2\":[]}", "{\"Arg1\":1,\"Arg2\":[]}")]
    [InlineData("null", "null")]
    public void Parse_reads_json_text(string text, string expected)
    {
        var input = new JsonObject { ["s"] = text };
        var result = JsonataExpression.Parse("$parse(s)").Evaluate(input, Bindings());

        Assert.True(result.IsDefined);
        Assert.True(JsonAssert.Same(JsonNode.Parse(expected), result.Value), $"got {result.Value?.ToJsonString()}");
    }

    [Fact]
    public void Parse_rejects_malformed_json() => Assert.Equal("D3903", Code("$parse('{oops')"));

    [Fact]
    public void Parsed_values_take_part_in_expressions() =>
        Assert.Equal("6", Eval("$sum($parse(s).values)", """{"s": "{\"values\": [1, 2, 3]}"}"""));

    [Fact]
    public void Undefined_arguments_give_undefined() => Assert.Equal("undefined", Eval("$parse(missing)", "{}"));
}

public sealed class HostErrorPositionTests
{
    [Fact]
    public void Host_function_errors_point_at_the_call()
    {
        var bindings = StepFunctionsJsonataFunctions.Register(new JsonataBindings());

        var ex = Assert.Throws<JsonataException>(() => JsonataExpression.Parse("1 + $parse('{')").Evaluate(null, bindings));

        Assert.Equal("D3903", ex.Code);
        Assert.True(ex.Position > 0, $"position was {ex.Position}");
        Assert.Equal("parse", ex.Token);
    }
}
