using Orchestrator.States.Execution;

namespace Orchestrator.States.Tests;

public class ChoiceStateTests
{
    private static string Machine(string rule) => """
        {"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{__RULE__,"Next":"Yes"}],"Default":"No"},
         "Yes":{"Type":"Pass","Result":"yes","End":true},"No":{"Type":"Pass","Result":"no","End":true}}}
        """.Replace("__RULE__", rule, StringComparison.Ordinal);

    private static async Task<string> Decide(string rule, string input)
    {
        var output = await Run.Output(Machine(rule), input);
        return output!.GetValue<string>();
    }

    [Theory]
    [InlineData("\"Variable\":\"$.n\",\"NumericEquals\":1", """{"n":1.0}""", "yes")]
    [InlineData("\"Variable\":\"$.n\",\"NumericEquals\":1", """{"n":"1"}""", "no")]
    [InlineData("\"Variable\":\"$.n\",\"NumericGreaterThan\":1", """{"n":2}""", "yes")]
    [InlineData("\"Variable\":\"$.n\",\"NumericGreaterThanEquals\":2", """{"n":2}""", "yes")]
    [InlineData("\"Variable\":\"$.n\",\"NumericLessThan\":2", """{"n":2}""", "no")]
    [InlineData("\"Variable\":\"$.n\",\"NumericLessThanEquals\":2", """{"n":2}""", "yes")]
    [InlineData("\"Variable\":\"$.s\",\"StringEquals\":\"a\"", """{"s":"a"}""", "yes")]
    [InlineData("\"Variable\":\"$.s\",\"StringLessThan\":\"b\"", """{"s":"a"}""", "yes")]
    [InlineData("\"Variable\":\"$.s\",\"StringGreaterThanEquals\":\"b\"", """{"s":"a"}""", "no")]
    [InlineData("\"Variable\":\"$.b\",\"BooleanEquals\":true", """{"b":true}""", "yes")]
    [InlineData("\"Variable\":\"$.b\",\"BooleanEquals\":true", """{"b":"true"}""", "no")]
    [InlineData("\"Variable\":\"$.t\",\"TimestampEquals\":\"2016-03-14T01:59:00Z\"", """{"t":"2016-03-14T02:59:00+01:00"}""", "yes")]
    [InlineData("\"Variable\":\"$.t\",\"TimestampLessThan\":\"2016-03-14T01:59:00Z\"", """{"t":"2016-03-14T01:58:00Z"}""", "yes")]
    [InlineData("\"Variable\":\"$.t\",\"TimestampGreaterThan\":\"2016-03-14T01:59:00Z\"", """{"t":"not a time"}""", "no")]
    [InlineData("\"Variable\":\"$.x\",\"IsNull\":true", """{"x":null}""", "yes")]
    [InlineData("\"Variable\":\"$.x\",\"IsPresent\":false", """{}""", "yes")]
    [InlineData("\"Variable\":\"$.x\",\"IsPresent\":true", """{"x":null}""", "yes")]
    [InlineData("\"Variable\":\"$.x\",\"IsNumeric\":true", """{"x":1.5}""", "yes")]
    [InlineData("\"Variable\":\"$.x\",\"IsString\":false", """{"x":1}""", "yes")]
    [InlineData("\"Variable\":\"$.x\",\"IsBoolean\":true", """{"x":false}""", "yes")]
    [InlineData("\"Variable\":\"$.x\",\"IsTimestamp\":true", """{"x":"2016-03-14T01:59:00Z"}""", "yes")]
    [InlineData("\"Variable\":\"$.x\",\"IsTimestamp\":true", """{"x":"2016-03-14 01:59:00Z"}""", "no")]
    [InlineData("\"Variable\":\"$.a\",\"NumericEqualsPath\":\"$.b\"", """{"a":3,"b":3}""", "yes")]
    [InlineData("\"Variable\":\"$.a\",\"StringEqualsPath\":\"$.b\"", """{"a":"x","b":"y"}""", "no")]
    [InlineData("\"Variable\":\"$.a\",\"TimestampLessThanEqualsPath\":\"$.b\"", """{"a":"2020-01-01T00:00:00Z","b":"2020-01-01T00:00:00Z"}""", "yes")]
    [InlineData("\"Variable\":\"$.a\",\"BooleanEqualsPath\":\"$.b\"", """{"a":true,"b":true}""", "yes")]
    [InlineData("\"And\":[{\"Variable\":\"$.n\",\"NumericGreaterThan\":1},{\"Variable\":\"$.n\",\"NumericLessThan\":3}]", """{"n":2}""", "yes")]
    [InlineData("\"Or\":[{\"Variable\":\"$.n\",\"NumericEquals\":1},{\"Variable\":\"$.n\",\"NumericEquals\":5}]", """{"n":5}""", "yes")]
    [InlineData("\"Not\":{\"Variable\":\"$.n\",\"NumericEquals\":1}", """{"n":5}""", "yes")]
    public async Task Comparisons(string rule, string input, string expected) => Assert.Equal(expected, await Decide(rule, input));

    [Theory]
    [InlineData("log-*.txt", "log-2024.txt", true)]
    [InlineData("log-*.txt", "log-2024.csv", false)]
    [InlineData("*", "", true)]
    [InlineData(@"a\*b", "a*b", true)]
    [InlineData(@"a\*b", "axxb", false)]
    [InlineData(@"a\\b", @"a\b", true)]
    [InlineData("ResourceInitializationError: *", "ResourceInitializationError: unable to pull secrets", true)]
    [InlineData("a*b*c", "aXbYbZc", true)]
    [InlineData("a*b*c", "aXbYbZ", false)]
    [InlineData("*ENI*timeout*", "Timeout waiting for network interface provisioning to complete: ENI attach timeout", true)]
    [InlineData("**x", "abx", true)]
    [InlineData("a*", "b", false)]
    [InlineData("abc", "abc\n", false)]
    [InlineData(@"a\\*", @"a\anything", true)]
    [InlineData(@"a\*", "a*", true)]
    [InlineData(@"a\*", "ab", false)]
    [InlineData(@"trailing\", @"trailing\", true)]
    public async Task StringMatches_with_wildcards_and_escapes(string pattern, string value, bool matches)
    {
        var rule = "\"Variable\":\"$.s\",\"StringMatches\":" + System.Text.Json.JsonSerializer.Serialize(pattern, Orchestrator.States.Tests.TestJson.Default.String);
        var input = "{\"s\":" + System.Text.Json.JsonSerializer.Serialize(value, Orchestrator.States.Tests.TestJson.Default.String) + "}";
        Assert.Equal(matches ? "yes" : "no", await Decide(rule, input));
    }

    [Fact]
    public async Task No_match_and_no_default_is_NoChoiceMatched()
    {
        var result = await Run.Async("""{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericEquals":1,"Next":"D"}]},"D":{"Type":"Succeed"}}}""", """{"n":2}""");
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal("States.NoChoiceMatched", result.Error);
    }

    [Fact]
    public async Task A_missing_variable_is_States_Runtime()
    {
        var result = await Run.Async(Machine("\"Variable\":\"$.missing\",\"NumericEquals\":1"), "{}");
        Assert.Equal("States.Runtime", result.Error);
    }

    [Fact]
    public async Task Choice_output_is_its_input() =>
        Run.Equal("""{"n":1,"r":"yes"}""", await Run.Output("""
            {"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericEquals":1,"Next":"Y"}]},
             "Y":{"Type":"Pass","Result":"yes","ResultPath":"$.r","End":true}}}
            """, """{"n":1}"""));
}
