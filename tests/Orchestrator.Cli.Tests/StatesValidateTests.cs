namespace Orchestrator.Cli.Tests;

public sealed class StatesValidateTests : IDisposable
{
    private readonly Cli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task A_valid_definition_exits_0()
    {
        var path = _cli.Write("ok.json", """{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}""");
        var (code, output, _) = await Cli.RunAsync("states", "validate", path);
        Assert.Equal(0, code);
        Assert.Contains("valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_definition_lists_every_problem_and_exits_2()
    {
        var path = _cli.Write("bad.json", """{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Nope"},"B":{"Type":"Sleep"}}}""");
        var (code, _, error) = await Cli.RunAsync("states", "validate", path);
        Assert.Equal(2, code);
        Assert.Contains("/States/A/Next: 'Nope'", error, StringComparison.Ordinal);
        Assert.Contains("/States/B/Type: Unknown state type 'Sleep'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_a_plain_message()
    {
        var (code, _, error) = await Cli.RunAsync("states", "validate", Path.Combine(_cli.Folder, "missing.json"));
        Assert.NotEqual(0, code);
        Assert.Contains("Cannot read the definition file", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_JSONata_definition_is_valid()
    {
        var path = _cli.Write("jsonata.json", """{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":"{% $states.input %}","End":true}}}""");
        var (code, output, _) = await Cli.RunAsync("states", "validate", path);
        Assert.Equal(0, code);
        Assert.Contains("valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_JSONPath_field_in_a_JSONata_state_is_a_problem()
    {
        var path = _cli.Write("mixed.json", """{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","InputPath":"$.a","End":true}}}""");
        var (code, _, error) = await Cli.RunAsync("states", "validate", path);
        Assert.Equal(2, code);
        Assert.Contains("/States/A/InputPath: Field 'InputPath' is only supported when the QueryLanguage is JSONPath", error, StringComparison.Ordinal);
    }
}
