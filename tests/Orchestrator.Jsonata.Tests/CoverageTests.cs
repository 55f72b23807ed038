using System.Text.Json.Nodes;

namespace Orchestrator.Jsonata.Tests;

/// <summary>Every function of the JSONata 2.x library exists and is exercised by at least one recorded case.</summary>
public sealed class CoverageTests
{
    public static TheoryData<string> LibraryFunctions() =>
    [
        "string", "length", "substring", "substringBefore", "substringAfter", "uppercase", "lowercase", "trim", "pad",
        "contains", "split", "join", "match", "replace", "eval", "base64encode", "base64decode", "encodeUrlComponent",
        "encodeUrl", "decodeUrlComponent", "decodeUrl", "formatNumber", "formatBase", "formatInteger", "parseInteger",
        "number", "abs", "floor", "ceil", "round", "power", "sqrt", "random", "sum", "max", "min", "average",
        "boolean", "not", "exists", "count", "append", "sort", "reverse", "shuffle", "distinct", "zip",
        "keys", "lookup", "spread", "merge", "each", "sift", "type", "error", "assert", "clone",
        "map", "filter", "single", "reduce", "now", "millis", "fromMillis", "toMillis",
    ];

    [Theory]
    [MemberData(nameof(LibraryFunctions))]
    public void Function_is_defined(string name)
    {
        var result = JsonataExpression.Parse($"$type(${name})").Evaluate(null);

        Assert.Equal("\"function\"", result.Value?.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(LibraryFunctions))]
    public void Function_has_recorded_cases(string name)
    {
        var count = AllCaseExpressions().Count(e => e.Contains("$" + name + "(", StringComparison.Ordinal)
            || e.Contains("$" + name + ")", StringComparison.Ordinal) || e.Contains("$" + name + ",", StringComparison.Ordinal));

        Assert.True(count > 0 || name is "millis" or "now" or "random", $"no recorded case calls ${name}");
    }

    [Theory]
    [InlineData("+")]
    [InlineData("-")]
    [InlineData("*")]
    [InlineData("/")]
    [InlineData("%")]
    [InlineData("=")]
    [InlineData("!=")]
    [InlineData("<")]
    [InlineData("<=")]
    [InlineData(">")]
    [InlineData(">=")]
    [InlineData(" and ")]
    [InlineData(" or ")]
    [InlineData(" in ")]
    [InlineData("&")]
    [InlineData("..")]
    [InlineData("~>")]
    [InlineData("?:")]
    [InlineData("??")]
    [InlineData(":=")]
    [InlineData("^(")]
    [InlineData("@$")]
    [InlineData("#$")]
    [InlineData("**")]
    [InlineData("|")]
    [InlineData("function(")]
    [InlineData("λ(")]
    [InlineData("?)")]
    public void Operator_has_recorded_cases(string op)
    {
        Assert.Contains(AllCaseExpressions(), e => e.Contains(op, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(LibraryFunctions))]
    public void Function_has_a_recorded_error_case(string name)
    {
        // Every library function validates its arguments, so each one has at least one way to fail worth pinning down.
        Assert.Contains(AllCases().Where(c => c.Error is not null), c => c.Expression.Contains("$" + name + "(", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("+", "T2001")]
    [InlineData("-", "T2002")]
    [InlineData("*", "T2001")]
    [InlineData("/", "T2002")]
    [InlineData("%", "T2002")]
    [InlineData("<", "T2009")]
    [InlineData("<=", "T2010")]
    [InlineData(">", "T2010")]
    [InlineData(">=", "T2009")]
    [InlineData("!=", "S0207")]
    [InlineData(" in", "S0207")]
    [InlineData("&", "S0207")]
    [InlineData("..", "T2003")]
    [InlineData("..", "T2004")]
    [InlineData("~>", "T2006")]
    [InlineData(":=", "S0212")]
    [InlineData("^(", "T2007")]
    [InlineData("#", "S0214")]
    [InlineData("**", "S0213")]
    [InlineData("|", "T2011")]
    [InlineData("|", "T2012")]
    public void Operator_has_a_recorded_error_case(string op, string code)
    {
        Assert.Contains(AllCases(), c => c.Error == code && c.Expression.Contains(op, StringComparison.Ordinal));
    }

    private static List<string> AllCaseExpressions() => AllCases().Select(c => c.Expression).ToList();

    private static List<(string Expression, string? Error)> AllCases()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "Cases");
        var expressions = new List<(string, string?)>();
        foreach (var file in Directory.GetFiles(directory, "*.json"))
        {
            if (Path.GetFileName(file) == "datasets.json")
            {
                continue;
            }

            foreach (var c in JsonNode.Parse(File.ReadAllText(file))!.AsArray())
            {
                expressions.Add((c!["expr"]!.GetValue<string>(), c["error"]?.GetValue<string>()));
            }
        }

        return expressions;
    }
}
