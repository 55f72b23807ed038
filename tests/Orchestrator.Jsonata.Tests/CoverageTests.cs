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

    private static List<string> AllCaseExpressions()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "Cases");
        var expressions = new List<string>();
        foreach (var file in Directory.GetFiles(directory, "*.json"))
        {
            if (Path.GetFileName(file) == "datasets.json")
            {
                continue;
            }

            foreach (var c in JsonNode.Parse(File.ReadAllText(file))!.AsArray())
            {
                expressions.Add(c!["expr"]!.GetValue<string>());
            }
        }

        return expressions;
    }
}
