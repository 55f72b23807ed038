using Orchestrator.States.Json;
using Orchestrator.States.Paths;

namespace Orchestrator.States.Tests;

public class JsonPathTests
{
    private const string Document = """{"a":{"b":[1,2,3],"c":"x"},"items":[{"v":1,"s":0},{"v":2,"s":1},{"s":0}],"odd key":5}""";

    private static (bool Found, string Json) Select(string path)
    {
        var expression = JsonPathExpression.Parse(path);
        var root = JsonValues.Parse(Document);
        var matches = JsonPathEvaluator.Select(root, expression.Segments, root);
        if (expression.IsDefinite)
        {
            return matches.Count == 1 ? (true, JsonValues.ToJson(matches[0])) : (false, "");
        }

        return (true, JsonValues.ToJson(new System.Text.Json.Nodes.JsonArray(matches.Select(m => m?.DeepClone()).ToArray())));
    }

    [Theory]
    [InlineData("$.a.c", "\"x\"")]
    [InlineData("$.a.b[1]", "2")]
    [InlineData("$.a.b[-1]", "3")]
    [InlineData("$['odd key']", "5")]
    [InlineData("$.a['b'][0]", "1")]
    [InlineData("$.a.b[*]", "[1,2,3]")]
    [InlineData("$.a.b[1:]", "[2,3]")]
    [InlineData("$.a.b[:1]", "[1]")]
    [InlineData("$.a.b[0,2]", "[1,3]")]
    [InlineData("$.items[*].v", "[1,2]")]
    [InlineData("$.items[?(@.s == 0)].v", "[1]")]
    [InlineData("$.items[?(@.v > 1)]", "[{\"v\":2,\"s\":1}]")]
    [InlineData("$.items[?(@.v)].s", "[0,1]")]
    [InlineData("$..v", "[1,2]")]
    public void Selects_like_Jayway(string path, string expected)
    {
        var (found, json) = Select(path);
        Assert.True(found);
        Assert.True(JsonValues.DeepEquals(JsonValues.Parse(expected), JsonValues.Parse(json)), $"{path}: {json}");
    }

    [Theory]
    [InlineData("$.missing")]
    [InlineData("$.a.b[10]")]
    [InlineData("$.a.c.d")]
    public void A_definite_path_that_matches_nothing_is_not_found(string path) => Assert.False(Select(path).Found);

    [Fact]
    public void An_indefinite_path_that_matches_nothing_is_an_empty_array() => Assert.Equal("[]", Select("$.missing[*]").Json);

    [Theory]
    [InlineData("$$.Execution.Input", PathRootKind.Context, null)]
    [InlineData("$myVar.field", PathRootKind.Variable, "myVar")]
    [InlineData("$.x", PathRootKind.Input, null)]
    public void Roots_are_recognised(string path, PathRootKind root, string? variable)
    {
        var expression = JsonPathExpression.Parse(path);
        Assert.Equal(root, expression.Root);
        Assert.Equal(variable, expression.VariableName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a.b")]
    [InlineData("$.")]
    [InlineData("$[")]
    [InlineData("$.a[?(@.x ==)]")]
    [InlineData("$['unterminated")]
    public void Malformed_paths_are_rejected_with_a_message(string path)
    {
        Assert.False(JsonPathExpression.TryParse(path, out _, out var problem));
        Assert.False(string.IsNullOrWhiteSpace(problem));
    }

    [Fact]
    public void Normalized_form_matches_AWS_messages() =>
        Assert.Equal("$['NoSuchInputPath'][0]", JsonPathExpression.Parse("$.NoSuchInputPath[0]").Normalized);
}
