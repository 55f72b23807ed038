using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Orchestrator.States.Intrinsics;

namespace Orchestrator.States.Tests.Intrinsics;

public sealed partial class StringAndUuidFunctionsTests
{
    [Theory]
    [InlineData("1,2,3,4,5", ",", """["1","2","3","4","5"]""")]
    [InlineData(" , ", ",", """[" "," "]""")]
    [InlineData(", , ,", ",", """[" "," "]""")]
    [InlineData(",,,,", ",", "[]")]
    [InlineData("", ",", "[]")]
    [InlineData("This.is+a,test=string", ".+,=", """["This","is","a","test","string"]""")]
    [InlineData("1a2b3ab4", "ab", """["1","2","3","4"]""")]
    [InlineData("split on T and \nnew line", "T\n", """["split on "," and ","new line"]""")]
    [InlineData("abc", "", """["abc"]""")]
    public void StringSplit_splits_on_each_delimiter_character_and_drops_empty_items(string text, string delimiters, string expected) =>
        Intrinsic.AssertResult(expected, "States.StringSplit($.text, $.delimiters)", new JsonObject { ["text"] = text, ["delimiters"] = delimiters }.ToJsonString());

    [Theory]
    [InlineData("States.StringSplit($.number, ',')")]
    [InlineData("States.StringSplit(null, ',')")]
    [InlineData("States.StringSplit('a,b', $.number)")]
    [InlineData("States.StringSplit('a,b', States.Array(','))")]
    public void StringSplit_fails_on_non_strings(string expression) =>
        Intrinsic.AssertInvalidArguments(expression, """{"number": 123}""");

    [Fact]
    public void UUID_is_a_lowercase_version_4_uuid()
    {
        var uuids = Enumerable.Range(0, 50).Select(seed => Uuid(seed)).ToList();

        Assert.All(uuids, uuid => Assert.Matches(UuidV4(), uuid));
        Assert.Equal(uuids.Count, uuids.Distinct().Count());
    }

    [Fact]
    public void UUID_comes_from_the_context_random_source() => Assert.Equal(Uuid(5), Uuid(5));

    private static string Uuid(int seed) =>
        IntrinsicFunctions.Evaluate("States.UUID()", new InputContext(null, seed: seed))!.GetValue<string>();

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex UuidV4();
}
