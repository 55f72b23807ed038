namespace Orchestrator.Jsonata.Tests;

/// <summary>Whatever the arguments, a library function either returns or raises a JsonataException.</summary>
public sealed class RobustnessTests
{
    private static readonly string[] Values =
    [
        "nothing", "null", "true", "-1.5", "1e300", "'abc'", "[]", "['a', 'b']", "{'a': 1}", "function($a, $b){ $a }", "/b/",
    ];

    [Theory]
    [MemberData(nameof(CoverageTests.LibraryFunctions), MemberType = typeof(CoverageTests))]
    public void Function_never_escapes_with_a_non_jsonata_exception(string name)
    {
        var unexpected = new List<string>();
        void Try(string expression)
        {
            try
            {
                JsonataExpression.Parse(expression).Evaluate(System.Text.Json.Nodes.JsonNode.Parse("{\"a\": [1, 2]}"));
            }
            catch (JsonataException)
            {
            }
            catch (Exception ex)
            {
                unexpected.Add($"{expression}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        Try($"${name}()");
        foreach (var a in Values)
        {
            Try($"${name}({a})");
            foreach (var b in Values)
            {
                Try($"${name}({a}, {b})");
            }

            Try($"${name}({a}, 1, 2)");
            Try($"${name}('abc', {a}, 'x')");
            Try($"${name}([1, 2], {a}, 0)");
        }

        Assert.True(unexpected.Count == 0, string.Join('\n', unexpected.Take(20)));
    }
}
