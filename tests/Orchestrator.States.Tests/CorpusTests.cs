using System.Text.RegularExpressions;
using Orchestrator.States.Conformance;
using Orchestrator.Testing;
using Xunit.Abstractions;

namespace Orchestrator.States.Tests;

/// <summary>
/// The AWS-recorded conformance corpus (tests/asl-conformance): every JSONPath case must pass; every JSONata case must be
/// reported as not supported (counted, never silently skipped). Together they must account for every case folder.
/// </summary>
public sealed partial class CorpusTests(ITestOutputHelper output)
{
    private const int ExpectedCases = 868;

    [GeneratedRegex("\"QueryLanguage\"\\s*:\\s*\"JSONata\"")]
    private static partial Regex JsonataMarker();

    private static string Root => RepoPaths.Of("tests", "asl-conformance");

    private static IEnumerable<(string Dir, string Name, bool Jsonata)> AllCases() =>
        ConformanceCase.Discover(Root).Select(dir => (dir, Path.GetRelativePath(Root, dir), JsonataMarker().IsMatch(File.ReadAllText(Path.Combine(dir, "definition.json")))));

    public static TheoryData<string> JsonPathCases()
    {
        var data = new TheoryData<string>();
        foreach (var c in AllCases().Where(c => !c.Jsonata))
        {
            data.Add(c.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(JsonPathCases))]
    public async Task JsonPath_case_matches_AWS(string name)
    {
        var outcome = await ConformanceCase.RunAsync(Path.Combine(Root, name), name);
        Assert.True(outcome.Verdict == CaseVerdict.Passed, $"{name}: {outcome.Verdict}\n" + string.Join("\n", outcome.Details));
    }

    [Fact]
    public async Task Jsonata_cases_are_reported_as_not_supported_and_counted()
    {
        var jsonata = AllCases().Where(c => c.Jsonata).ToList();
        var verdicts = new List<CaseOutcome>();
        foreach (var c in jsonata)
        {
            verdicts.Add(await ConformanceCase.RunAsync(c.Dir, c.Name));
        }

        output.WriteLine($"{verdicts.Count(v => v.Verdict == CaseVerdict.NotSupported)} not supported (JSONata)");
        Assert.All(verdicts, v => Assert.True(v.Verdict == CaseVerdict.NotSupported, $"{v.Name} should be not supported but was {v.Verdict}"));
        Assert.Equal(110, verdicts.Count);
    }

    [Fact]
    public void Every_case_folder_is_accounted_for()
    {
        var all = AllCases().ToList();
        output.WriteLine($"{all.Count} cases: {all.Count(c => !c.Jsonata)} JSONPath, {all.Count(c => c.Jsonata)} JSONata");
        Assert.Equal(ExpectedCases, all.Count);
    }
}
