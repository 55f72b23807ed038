using System.Text.RegularExpressions;
using Orchestrator.States.Conformance;
using Orchestrator.Testing;
using Xunit.Abstractions;

namespace Orchestrator.States.Tests;

/// <summary>
/// The AWS-recorded conformance corpus (tests/asl-conformance): every case, JSONPath and JSONata alike, must pass,
/// and the cases must account for every case folder.
/// </summary>
public sealed partial class CorpusTests(ITestOutputHelper output)
{
    private const int ExpectedCases = 868;

    // Cases whose definition sets QueryLanguage JSONata somewhere (others may still hold "{% %}" strings as literals).
    private const int ExpectedJsonataCases = 110;

    [GeneratedRegex("\"QueryLanguage\"\\s*:\\s*\"JSONata\"")]
    private static partial Regex JsonataMarker();

    private static string Root => RepoPaths.Of("tests", "asl-conformance");

    private static IEnumerable<(string Dir, string Name, bool Jsonata)> AllCases() =>
        ConformanceCase.Discover(Root).Select(dir => (dir, Path.GetRelativePath(Root, dir), JsonataMarker().IsMatch(File.ReadAllText(Path.Combine(dir, "definition.json")))));

    public static TheoryData<string> JsonPathCases() => CasesWhere(jsonata: false);

    public static TheoryData<string> JsonataCases() => CasesWhere(jsonata: true);

    private static TheoryData<string> CasesWhere(bool jsonata)
    {
        var data = new TheoryData<string>();
        foreach (var c in AllCases().Where(c => c.Jsonata == jsonata))
        {
            data.Add(c.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(JsonPathCases))]
    public async Task JsonPath_case_matches_AWS(string name) => await Matches(name);

    [Theory]
    [MemberData(nameof(JsonataCases))]
    public async Task Jsonata_case_matches_AWS(string name) => await Matches(name);

    private static async Task Matches(string name)
    {
        var outcome = await ConformanceCase.RunAsync(Path.Combine(Root, name), name);
        Assert.True(outcome.Verdict == CaseVerdict.Passed, $"{name}: {outcome.Verdict}\n" + string.Join("\n", outcome.Details));
    }

    [Fact]
    public void Every_case_folder_is_accounted_for()
    {
        var all = AllCases().ToList();
        output.WriteLine($"{all.Count} cases: {all.Count(c => !c.Jsonata)} JSONPath, {all.Count(c => c.Jsonata)} JSONata");
        Assert.Equal(ExpectedCases, all.Count);
        Assert.Equal(ExpectedJsonataCases, all.Count(c => c.Jsonata));
    }
}
