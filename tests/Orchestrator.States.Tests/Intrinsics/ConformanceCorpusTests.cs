using System.Text.Json.Nodes;
using Orchestrator.States.Errors;
using Orchestrator.States.Intrinsics;

namespace Orchestrator.States.Tests.Intrinsics;

/// <summary>
/// Runs the AWS-recorded conformance cases that exercise intrinsics through a single Pass or Fail state, without the
/// engine: InputPath, Parameters (intrinsics and paths), ResultPath and OutputPath are applied here with the test
/// project's small path resolver, and the outcome is compared with expected.json as run-case.md prescribes.
/// </summary>
public sealed class ConformanceCorpusTests
{
    private static readonly string[] PassFields = ["Type", "Comment", "End", "Parameters", "InputPath", "ResultPath", "OutputPath"];
    private static readonly string[] FailFields = ["Type", "Comment", "Error", "Cause", "ErrorPath", "CausePath"];
    private static readonly string[] CaseSets = ["cases", "extra-cases"];

    public static TheoryData<string> SingleStateCases => new(IntrinsicCases().Where(IsSingleState));

    [Theory]
    [MemberData(nameof(SingleStateCases))]
    public void Case_matches_the_AWS_recording(string caseFolder)
    {
        var directory = Path.Combine(CorpusRoot(), caseFolder);
        var definition = ReadJson(directory, "definition.json")!.AsObject();
        var input = ReadJson(directory, "input.json");
        var expected = ReadJson(directory, "expected.json")!.AsObject();

        var actual = Run(definition, input);

        Assert.Equal(expected["status"]!.GetValue<string>(), actual["status"]!.GetValue<string>());
        if (actual["status"]!.GetValue<string>() == "SUCCEEDED")
        {
            JsonEquivalence.AssertEquivalent(expected["output"], actual["output"]);
            return;
        }

        Assert.Equal(expected["error"]?.GetValue<string>(), actual["error"]?.GetValue<string>());
        if (expected["cause"] is { } cause)
        {
            Assert.Equal(cause.GetValue<string>(), actual["cause"]?.GetValue<string>());
        }
    }

    [Fact]
    public void Harness_runs_nearly_every_intrinsic_case_of_the_corpus()
    {
        var all = IntrinsicCases().ToList();
        var runnable = all.Count(IsSingleState);

        // 136 definitions call an intrinsic; the 11 left need Map, Choice or Assign and run in the engine's suite.
        Assert.True(all.Count >= 136, $"found only {all.Count} intrinsic cases");
        Assert.True(runnable >= 125, $"only {runnable} of {all.Count} intrinsic cases are runnable here");
    }

    [Fact]
    public void Every_evaluated_intrinsic_expression_in_the_corpus_is_valid()
    {
        var expressions = IntrinsicCases()
            .SelectMany(folder => EvaluatedIntrinsics(ReadJson(Path.Combine(CorpusRoot(), folder), "definition.json")))
            .ToList();

        Assert.True(expressions.Count >= 140, $"found only {expressions.Count} expressions");
        Assert.All(expressions, expression => Assert.Empty(IntrinsicFunctions.Validate(expression)));
    }

    private static JsonObject Run(JsonObject definition, JsonNode? input)
    {
        var state = definition["States"]![definition["StartAt"]!.GetValue<string>()]!.AsObject();
        try
        {
            return state["Type"]!.GetValue<string>() == "Fail" ? RunFail(state, input) : RunPass(state, input);
        }
        catch (StatesException failure)
        {
            return new JsonObject { ["status"] = "FAILED", ["error"] = failure.Error, ["cause"] = failure.Cause };
        }
    }

    private static JsonObject RunPass(JsonObject state, JsonNode? input)
    {
        var effectiveInput = state["InputPath"] is { } inputPath
            ? new InputContext(input).ResolvePath(inputPath.GetValue<string>())
            : input;
        var context = new InputContext(effectiveInput, executionInput: input);
        var result = state["Parameters"] is { } parameters ? Transform(parameters, context) : effectiveInput?.DeepClone();

        var output = result;
        if (state["ResultPath"] is { } resultPath && resultPath.GetValue<string>() != "$")
        {
            output = effectiveInput?.DeepClone() ?? new JsonObject();
            var target = output.AsObject();
            var segments = resultPath.GetValue<string>()[2..].Split('.');
            foreach (var segment in segments[..^1])
            {
                target = (target[segment] ??= new JsonObject()).AsObject();
            }

            target[segments[^1]] = result;
        }

        if (state["OutputPath"] is { } outputPath)
        {
            output = new InputContext(output).ResolvePath(outputPath.GetValue<string>())?.DeepClone();
        }

        return new JsonObject { ["status"] = "SUCCEEDED", ["output"] = output };
    }

    private static JsonObject RunFail(JsonObject state, JsonNode? input)
    {
        var context = new InputContext(input);
        return new JsonObject
        {
            ["status"] = "FAILED",
            ["error"] = Field(state, "Error", context),
            ["cause"] = Field(state, "Cause", context),
        };
    }

    private static string? Field(JsonObject state, string name, InputContext context) =>
        state[name + "Path"] is { } path
            ? Reference(path.GetValue<string>(), context)!.GetValue<string>()
            : state[name]?.GetValue<string>();

    private static JsonNode? Transform(JsonNode? template, InputContext context)
    {
        if (template is not JsonObject obj)
        {
            return template?.DeepClone();
        }

        var result = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (key.EndsWith(".$", StringComparison.Ordinal))
            {
                result[key[..^2]] = Reference(value!.GetValue<string>(), context)?.DeepClone();
            }
            else
            {
                result[key] = Transform(value, context);
            }
        }

        return result;
    }

    private static JsonNode? Reference(string expression, InputContext context) =>
        IntrinsicFunctions.IsIntrinsic(expression)
            ? IntrinsicFunctions.Evaluate(expression, context)
            : context.ResolvePath(expression);

    private static bool IsSingleState(string caseFolder)
    {
        var definition = ReadJson(Path.Combine(CorpusRoot(), caseFolder), "definition.json")!.AsObject();
        if (definition["QueryLanguage"] is { } language && language.GetValue<string>() != "JSONPath")
        {
            return false;
        }

        var states = definition["States"]!.AsObject();
        if (states.Count != 1)
        {
            return false;
        }

        var state = states[definition["StartAt"]!.GetValue<string>()]!.AsObject();
        return state["Type"]!.GetValue<string>() switch
        {
            "Pass" => state["End"]?.GetValue<bool>() == true && state.All(field => PassFields.Contains(field.Key)),
            "Fail" => state.All(field => FailFields.Contains(field.Key)),
            _ => false,
        };
    }

    /// <summary>Expressions AWS evaluates: values of "key.$" fields (not under Result/Output) and Error/CausePath.</summary>
    private static IEnumerable<string> EvaluatedIntrinsics(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key is "Result" or "Output")
                    {
                        continue;
                    }

                    if ((key.EndsWith(".$", StringComparison.Ordinal) || key is "ErrorPath" or "CausePath")
                        && value is JsonValue text && text.TryGetValue<string>(out var expression)
                        && expression.StartsWith("States.", StringComparison.Ordinal))
                    {
                        yield return expression;
                    }

                    foreach (var nested in EvaluatedIntrinsics(value))
                    {
                        yield return nested;
                    }
                }

                break;
            case JsonArray array:
                foreach (var nested in array.SelectMany(EvaluatedIntrinsics))
                {
                    yield return nested;
                }

                break;
        }
    }

    private static IEnumerable<string> IntrinsicCases()
    {
        var root = CorpusRoot();
        return CaseSets
            .SelectMany(set => Directory.GetDirectories(Path.Combine(root, set)))
            .Where(directory => ContainsIntrinsicCall(File.ReadAllText(Path.Combine(directory, "definition.json"))))
            .Select(directory => Path.GetRelativePath(root, directory))
            .Order(StringComparer.Ordinal);
    }

    private static bool ContainsIntrinsicCall(string definition)
    {
        for (var start = definition.IndexOf("States.", StringComparison.Ordinal); start >= 0; start = definition.IndexOf("States.", start + 1, StringComparison.Ordinal))
        {
            if (IntrinsicFunctions.IsIntrinsic(definition[start..]))
            {
                return true;
            }
        }

        return false;
    }

    private static JsonNode? ReadJson(string directory, string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(directory, file)));

    private static string CorpusRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "asl-conformance");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/asl-conformance not found above " + AppContext.BaseDirectory);
    }
}
