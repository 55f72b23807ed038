using System.Text.Json;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests;

public sealed class StatesTestCommandTests : IDisposable
{
    private readonly Cli _cli = new();

    public void Dispose() => _cli.Dispose();

    private void Case(string name, string definition, string input, string expected, string? mocks = null)
    {
        _cli.Write(Path.Combine("cases", name, "definition.json"), definition);
        _cli.Write(Path.Combine("cases", name, "input.json"), input);
        _cli.Write(Path.Combine("cases", name, "expected.json"), expected);
        if (mocks is not null)
        {
            _cli.Write(Path.Combine("cases", name, "mocks.json"), mocks);
        }
    }

    private void Fixtures()
    {
        Case("pass-ok", """{"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"b":2,"a":1.0},"End":true}}}""", "{}", """{"status":"SUCCEEDED","output":{"a":1,"b":2}}""");
        Case("fail-ok", """{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E","Cause":"masked"}}}""", "{}", """{"status":"FAILED","error":"E"}""");
        Case("mocked-ok", """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}}""", "{}",
            """{"status":"SUCCEEDED","output":{"m":true}}""", """{"T":{"0":{"Return":{"m":true}}}}""");
        Case("wrong-output", """{"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"x":[1,2]},"End":true}}}""", "{}", """{"status":"SUCCEEDED","output":{"x":[1,3]}}""");
        Case("jsonata-ok", """{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Output":"{% $states.input.n + 1 %}","End":true}}}""", """{"n":1}""",
            """{"status":"SUCCEEDED","output":2}""");
        Case("item-reader", """
            {"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemReader":{"Resource":"arn:aws:states:::s3:getObject"},
             "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"I","States":{"I":{"Type":"Succeed"}}}}}}
            """, "{}", """{"status":"SUCCEEDED","output":[]}""");
    }

    [Fact]
    public async Task Reports_failures_with_a_diff_and_counts_not_supported_apart()
    {
        Fixtures();
        var (code, output, _) = await Cli.RunAsync("states", "test", Path.Combine(_cli.Folder, "cases"));
        Assert.Equal(1, code);
        var lines = output.TrimEnd().Split('\n');
        Assert.Equal("4 passed, 1 failed", lines[^1]);
        Assert.Equal("1 not supported (ItemReader)", lines[^2]);
        Assert.Contains("FAIL wrong-output", output, StringComparison.Ordinal);
        Assert.Contains("/output/x/1: expected 3, actual 2", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_summary_and_filter()
    {
        Fixtures();
        var (code, output, _) = await Cli.RunAsync("states", "test", Path.Combine(_cli.Folder, "cases"), "--json", "--filter", "*-ok");
        Assert.Equal(0, code);
        var summary = JsonDocument.Parse(output).RootElement;
        Assert.Equal(4, summary.GetProperty("passed").GetInt32());
        Assert.Equal(0, summary.GetProperty("failed").GetInt32());
        Assert.Equal(0, summary.GetProperty("notSupported").GetInt32());
    }

    [Fact]
    public async Task A_missing_folder_is_a_plain_message()
    {
        var (code, _, error) = await Cli.RunAsync("states", "test", Path.Combine(_cli.Folder, "none"));
        Assert.NotEqual(0, code);
        Assert.Contains("is not a folder", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_conformance_corpus_passes()
    {
        var (code, output, _) = await Cli.RunAsync("states", "test", RepoPaths.Of("tests", "asl-conformance"));
        var lines = output.TrimEnd().Split('\n');
        Assert.Equal("868 passed, 0 failed", lines[^1]);
        Assert.DoesNotContain("not supported", output, StringComparison.Ordinal);
        Assert.Equal(0, code);
    }
}
