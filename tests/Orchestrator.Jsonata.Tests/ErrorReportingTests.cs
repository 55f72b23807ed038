namespace Orchestrator.Jsonata.Tests;

/// <summary>Error codes, positions and wording as the reference reports them.</summary>
public sealed class ErrorReportingTests
{
    private static JsonataException Fail(string expression, string? input = null) =>
        Assert.Throws<JsonataException>(() =>
            JsonataExpression.Parse(expression).Evaluate(input is null ? null : System.Text.Json.Nodes.JsonNode.Parse(input)));

    [Fact]
    public void Syntax_error_names_the_token()
    {
        var ex = Assert.Throws<JsonataException>(() => JsonataExpression.Parse("a b"));

        Assert.Equal("S0201", ex.Code);
        Assert.Equal("Syntax error: \"b\"", ex.Message);
        Assert.Equal(3, ex.Position);
    }

    [Fact]
    public void Missing_closer_is_reported()
    {
        var ex = Assert.Throws<JsonataException>(() => JsonataExpression.Parse("[1, 2"));

        Assert.Equal("S0203", ex.Code);
        Assert.Equal("Expected \"]\" before end of expression", ex.Message);
    }

    [Fact]
    public void Arithmetic_type_errors_name_the_operator()
    {
        var ex = Fail("'a' + 1");

        Assert.Equal("T2001", ex.Code);
        Assert.Equal("The left side of the \"+\" operator must evaluate to a number", ex.Message);
        Assert.Equal(5, ex.Position);
    }

    [Fact]
    public void Comparison_of_mixed_types_shows_both_values()
    {
        var ex = Fail("1 < 'x'");

        Assert.Equal("T2009", ex.Code);
        Assert.Equal("The values 1 and \"x\" either side of operator \"<\" must be of the same data type", ex.Message);
    }

    [Fact]
    public void Signature_mismatch_names_argument_and_function()
    {
        var ex = Fail("$substring('abc', 'b')");

        Assert.Equal("T0410", ex.Code);
        Assert.Equal("Argument 2 of function \"substring\" does not match function signature", ex.Message);
        Assert.Equal("T0411", Fail("$substring(1, 2)").Code);
    }

    [Fact]
    public void Array_member_type_error_names_the_type()
    {
        var ex = Fail("$sum([1, 'two'])");

        Assert.Equal("T0412", ex.Code);
        Assert.Equal("Argument 1 of function \"sum\" must be an array of \"numbers\"", ex.Message);
    }

    [Fact]
    public void Invoking_a_non_function_suggests_the_function()
    {
        var ex = Fail("( $f := 5; $f() )");
        Assert.Equal("T1006", ex.Code);

        Assert.Equal("T1006", Fail("uppercase('x')", """{"uppercase": 1}""").Code);
        var named = Fail("uppercase('x')", "{}");
        Assert.Equal("T1005", named.Code);
        Assert.Equal("Attempted to invoke a non-function. Did you mean $uppercase?", named.Message);
    }

    [Fact]
    public void Error_function_message_is_the_callers()
    {
        var ex = Fail("$error('Order ' & id & ' is invalid')", """{"id": "o-7"}""");

        Assert.Equal("D3137", ex.Code);
        Assert.Equal("Order o-7 is invalid", ex.Message);
    }

    [Fact]
    public void Context_type_mismatch_is_T0411()
    {
        var ex = Fail("n.$uppercase()", """{"n": 5}""");

        Assert.Equal("T0411", ex.Code);
    }

    [Fact]
    public void Duplicate_group_keys_from_different_pairs_are_D1009()
    {
        var ex = Fail("{ 'k': 1, 'k': 2 }");

        Assert.Equal("D1009", ex.Code);
        Assert.Equal("Multiple key definitions evaluate to same key: \"k\"", ex.Message);
    }
}
