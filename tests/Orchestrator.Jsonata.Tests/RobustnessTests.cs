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

/// <summary>Random token soup must parse or fail with a JsonataException, and so must evaluating what parses.</summary>
public sealed class ParserFuzzTests
{
    private static readonly string[] Tokens =
    [
        "a", "b", "$", "$$", "$x", "$f", "1", "2.5", "'s'", "\"t\"", "true", "null", ".", "[", "]", "{", "}", "(", ")", ",", ";", ":",
        "?", "?:", "??", "+", "-", "*", "/", "%", "=", "!=", "<", ">=", "&", "and", "or", "in", "..", ":=", "~>", "^(", "@", "#",
        "|", "**", "function", "λ", "$sum", "$map", "/x/", "`q`", " ",
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_expressions_only_raise_jsonata_exceptions(int seed)
    {
        var random = new Random(seed);
        var input = System.Text.Json.Nodes.JsonNode.Parse("""{"a": [{"b": 1}, {"b": [2, 3]}], "b": "x"}""");
        var unexpected = new List<string>();
        for (var n = 0; n < 1500; n++)
        {
            var length = random.Next(1, 9);
            var text = string.Concat(Enumerable.Range(0, length).Select(_ => Tokens[random.Next(Tokens.Length)]));
            try
            {
                var expression = JsonataExpression.Parse(text);
                expression.Evaluate(input, new JsonataBindings { MaxSteps = 100_000 });
            }
            catch (JsonataException)
            {
            }
            catch (Exception ex)
            {
                unexpected.Add($"{text}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        Assert.True(unexpected.Count == 0, string.Join('\n', unexpected.Distinct().Take(25)));
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
    [InlineData(">=")]
    [InlineData("and")]
    [InlineData("or")]
    [InlineData("in")]
    [InlineData("&")]
    [InlineData("~>")]
    [InlineData("?:")]
    [InlineData("??")]
    public void Operators_on_any_values_only_raise_jsonata_exceptions(string op)
    {
        string[] values = ["nothing", "null", "false", "0", "-2.5", "1e308", "''", "'ab'", "[]", "[1,'a']", "{}", "{'k':1}", "$sum", "function($v){ $v }", "/a/"];
        var unexpected = new List<string>();
        foreach (var l in values)
        {
            foreach (var r in values)
            {
                var text = $"{l} {op} {r}";
                try
                {
                    JsonataExpression.Parse(text).Evaluate(null);
                    JsonataExpression.Parse($"[{l}..{r}]").Evaluate(null);
                }
                catch (JsonataException)
                {
                }
                catch (Exception ex)
                {
                    unexpected.Add($"{text}: {ex.GetType().Name}: {ex.Message}");
                }
            }
        }

        Assert.True(unexpected.Count == 0, string.Join('\n', unexpected.Take(25)));
    }
}
