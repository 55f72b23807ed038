using System.Text.Json.Nodes;
using Orchestrator.States.Execution;
using Orchestrator.States.Integrations;
using Orchestrator.States.Json;
using Orchestrator.States.Loading;

namespace Orchestrator.States.Conformance;

/// <summary>How a conformance case ended.</summary>
public enum CaseVerdict
{
    Passed,
    Failed,

    /// <summary>The case needs a feature the engine does not have yet (e.g. ItemReader): counted apart, never as passed.</summary>
    NotSupported,
}

/// <summary>One case's verdict; Feature names what is missing when the verdict is NotSupported (e.g. "ItemReader").</summary>
public sealed record CaseOutcome(string Name, CaseVerdict Verdict, IReadOnlyList<string> Details, string? Feature = null);

/// <summary>
/// Runs one case folder (definition.json, input.json, expected.json, optional mocks.json) under a virtual clock and
/// compares as tests/asl-conformance/run-case.md says: status equal; output deep-equal; error exact (absent means none);
/// cause only when expected has one.
/// </summary>
public static class ConformanceCase
{
    public static async Task<CaseOutcome> RunAsync(string directory, string name)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string definitionText;
        JsonNode? input;
        JsonNode? expected;
        MockedTaskResponses? mocks = null;
        try
        {
            definitionText = await File.ReadAllTextAsync(Path.Combine(directory, "definition.json"));
            input = JsonValues.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "input.json")));
            expected = JsonValues.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "expected.json")));
            var mocksPath = Path.Combine(directory, "mocks.json");
            if (File.Exists(mocksPath))
            {
                mocks = MockedTaskResponses.FromResponsesByState(await File.ReadAllTextAsync(mocksPath));
            }
        }
        catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException or MockConfigurationException or UnauthorizedAccessException)
        {
            return new CaseOutcome(name, CaseVerdict.Failed, ["cannot read the case: " + ex.Message]);
        }

        var loaded = DefinitionLoader.Load(definitionText);
        if (loaded.Unsupported.Count > 0)
        {
            return new CaseOutcome(name, CaseVerdict.NotSupported, loaded.Unsupported.Select(u => u.ToString()).ToList(), loaded.Unsupported[0].Feature);
        }

        if (!loaded.IsRunnable)
        {
            return new CaseOutcome(name, CaseVerdict.Failed, ["the definition is invalid:", .. loaded.Problems.Select(p => "  " + p)]);
        }

        var engine = new StateMachineEngine(new EngineOptions { Time = new VirtualTimeProvider(), Mocks = mocks, RandomSeed = 7, StartInline = true });
        var result = await engine.RunAsync(loaded.Definition!, new StartExecutionRequest { Name = ExecutionName(directory), Input = input });
        var differences = Compare(expected as JsonObject ?? [], result.ToJson());
        return new CaseOutcome(name, differences.Count == 0 ? CaseVerdict.Passed : CaseVerdict.Failed, differences);
    }

    /// <summary>A valid execution name derived from the case folder (names allow no '/' and at most 80 characters).</summary>
    private static string ExecutionName(string directory)
    {
        var name = new string(Path.GetFileName(Path.TrimEndingDirectorySeparator(directory)).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());
        return name.Length == 0 ? "case" : name[..Math.Min(80, name.Length)];
    }

    public static IReadOnlyList<string> Compare(JsonObject expected, JsonObject actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var differences = new List<string>();
        var expectedStatus = expected["status"]?.ToString();
        var actualStatus = actual["status"]?.ToString();
        if (expectedStatus != actualStatus)
        {
            differences.Add($"/status: expected {expectedStatus}, actual {actualStatus}");
            differences.Add("actual result: " + JsonValues.ToJson(actual));
            return differences;
        }

        if (expectedStatus == "SUCCEEDED")
        {
            differences.AddRange(JsonDiff.Compare(expected["output"], actual["output"], "/output"));
            return differences;
        }

        var expectedError = expected["error"]?.ToString();
        var actualError = actual["error"]?.ToString();
        if (expectedError != actualError)
        {
            differences.Add($"/error: expected {expectedError ?? "(none)"}, actual {actualError ?? "(none)"}");
        }

        if (expected.TryGetPropertyValue("cause", out var cause) && cause?.ToString() != actual["cause"]?.ToString())
        {
            differences.Add($"/cause: expected {JsonValues.ToJson(cause)}, actual {JsonValues.ToJson(actual["cause"])}");
        }

        return differences;
    }

    /// <summary>Every folder below <paramref name="root"/> holding a definition.json (the root itself included).</summary>
    public static IReadOnlyList<string> Discover(string root) =>
        Directory.EnumerateFiles(root, "definition.json", SearchOption.AllDirectories)
            .Select(f => Path.GetDirectoryName(f)!)
            .Order(StringComparer.Ordinal)
            .ToList();
}
