using System.Text.Json.Nodes;

namespace Orchestrator.Jsonata.Tests;

/// <summary>
/// Every <c>{% ... %}</c> expression in the JSONata cases of the AWS-recorded ASL corpus
/// (tests/asl-conformance/{cases,extra-cases}/*/definition.json) must parse.
/// </summary>
public sealed class AslCorpusExpressionTests
{
    [Fact]
    public void Every_corpus_expression_parses()
    {
        var expressions = CorpusExpressions();
        Assert.True(expressions.Count >= 100, $"expected the corpus to hold JSONata expressions, found {expressions.Count}");

        var failures = new List<string>();
        foreach (var (file, text) in expressions)
        {
            try
            {
                JsonataExpression.Parse(text);
            }
            catch (JsonataException ex)
            {
                failures.Add($"{file}: {text} -> {ex.Code} {ex.Message}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {expressions.Count} expressions failed to parse:\n" + string.Join('\n', failures));
    }

    [Fact]
    public void Corpus_expressions_that_need_no_input_evaluate_or_fail_with_a_jsonata_error()
    {
        // Evaluation must never escape with anything but a JsonataException, whatever the bindings hold.
        foreach (var (_, text) in CorpusExpressions())
        {
            var expression = JsonataExpression.Parse(text);
            var bindings = new JsonataBindings().Bind("states", JsonNode.Parse("""{"input": {"value": 1}, "context": {}}"""));
            try
            {
                expression.Evaluate(JsonNode.Parse("{}"), bindings);
            }
            catch (JsonataException)
            {
            }
        }
    }

    internal static List<(string File, string Expression)> CorpusExpressions()
    {
        var root = FindCorpusRoot();
        var result = new List<(string, string)>();
        foreach (var folder in new[] { "cases", "extra-cases" })
        {
            foreach (var file in Directory.GetFiles(Path.Combine(root, folder), "definition.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var definition = JsonNode.Parse(File.ReadAllText(file));
                var topLevel = definition?["QueryLanguage"]?.GetValue<string>() ?? "JSONPath";
                Collect(definition, topLevel == "JSONata", Path.GetRelativePath(root, file), result);
            }
        }

        return result;
    }

    // A state's own QueryLanguage overrides the machine's.
    private static void Collect(JsonNode? node, bool jsonata, string file, List<(string, string)> into)
    {
        switch (node)
        {
            case JsonObject obj:
                {
                    var here = jsonata;
                    if (obj["QueryLanguage"] is JsonValue ql && ql.TryGetValue<string>(out var language))
                    {
                        here = language == "JSONata";
                    }

                    foreach (var pair in obj)
                    {
                        Collect(pair.Value, here, file, into);
                    }

                    break;
                }

            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, jsonata, file, into);
                }

                break;
            case JsonValue value when jsonata && value.TryGetValue<string>(out var s):
                if (s.StartsWith("{%", StringComparison.Ordinal) && s.EndsWith("%}", StringComparison.Ordinal) && s.Length >= 4)
                {
                    into.Add((file, s[2..^2].Trim()));
                }

                break;
        }
    }

    private static string FindCorpusRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "asl-conformance");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/asl-conformance not found above " + AppContext.BaseDirectory);
    }
}
