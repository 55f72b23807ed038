using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Jsonata.Tests;

/// <summary>
/// Runs the expression/data/expected cases under Cases/ (authored for this project; expectations recorded by
/// running the reference implementation, see Cases/record-expectations.js). A conformance suite run as data.
/// </summary>
public sealed class RecordedCaseTests
{
    private static readonly string CasesDirectory = Path.Combine(AppContext.BaseDirectory, "Cases");
    private static readonly Lazy<JsonObject> Datasets = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(CasesDirectory, "datasets.json")))!.AsObject());

    public static TheoryData<string, int, string> Cases()
    {
        var data = new TheoryData<string, int, string>();
        foreach (var file in Directory.GetFiles(CasesDirectory, "*.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (name == "datasets.json")
            {
                continue;
            }

            var cases = JsonNode.Parse(File.ReadAllText(file))!.AsArray();
            for (var i = 0; i < cases.Count; i++)
            {
                data.Add(name, i, cases[i]!["expr"]!.GetValue<string>());
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_matches_the_recorded_outcome(string file, int index, string expression)
    {
        var testCase = JsonNode.Parse(File.ReadAllText(Path.Combine(CasesDirectory, file)))!.AsArray()[index]!.AsObject();
        var bindings = new JsonataBindings();
        if (testCase["bindings"] is JsonObject vars)
        {
            foreach (var pair in vars)
            {
                bindings.Bind(pair.Key, pair.Value?.DeepClone());
            }
        }

        Func<JsonataResult> run;
        if (testCase["data"] is JsonValue dataName)
        {
            var input = Datasets.Value[dataName.GetValue<string>()]!.DeepClone();
            run = () => JsonataExpression.Parse(expression).Evaluate(input, bindings);
        }
        else if (testCase.TryGetPropertyValue("input", out var inline))
        {
            run = () => JsonataExpression.Parse(expression).Evaluate(inline?.DeepClone(), bindings);
        }
        else
        {
            run = () => JsonataExpression.Parse(expression).EvaluateWithoutInput(bindings);
        }

        if (testCase["error"] is JsonValue code)
        {
            var ex = Assert.Throws<JsonataException>(() => run());
            Assert.Equal(code.GetValue<string>(), ex.Code);
            return;
        }

        var result = run();
        if (testCase["undefined"] is not null)
        {
            Assert.False(result.IsDefined, $"expected undefined but got {result.Value?.ToJsonString() ?? "null"}");
            return;
        }

        var expected = testCase["result"];
        Assert.True(result.IsDefined, $"expected {expected?.ToJsonString() ?? "null"} but the result was undefined");
        Assert.True(
            JsonAssert.Same(expected, result.Value),
            $"expected {expected?.ToJsonString() ?? "null"} but got {result.Value?.ToJsonString() ?? "null"}");
    }

    [Fact]
    public void Every_case_file_has_recorded_outcomes()
    {
        foreach (var file in Directory.GetFiles(CasesDirectory, "*.json"))
        {
            if (Path.GetFileName(file) == "datasets.json")
            {
                continue;
            }

            foreach (var c in JsonNode.Parse(File.ReadAllText(file))!.AsArray())
            {
                var o = c!.AsObject();
                Assert.True(o.ContainsKey("result") || o.ContainsKey("undefined") || o.ContainsKey("error"), $"{file}: {o["expr"]} has no expectation");
            }
        }

        _ = JsonValueKind.Null;
    }
}
