using Orchestrator.States.Errors;

namespace Orchestrator.States.Tests;

public class ErrorMatcherTests
{
    [Theory]
    [InlineData("States.ALL", "MyError", true)]
    [InlineData("States.ALL", "States.TaskFailed", true)]
    [InlineData("States.ALL", "States.Timeout", true)]
    [InlineData("States.ALL", "States.Runtime", false)]
    [InlineData("States.ALL", "States.DataLimitExceeded", false)]
    [InlineData("States.TaskFailed", "Lambda.ServiceException", true)]
    [InlineData("States.TaskFailed", "States.TaskFailed", true)]
    [InlineData("States.TaskFailed", "States.Timeout", false)]
    [InlineData("States.TaskFailed", "States.Runtime", false)]
    [InlineData("States.Timeout", "States.Timeout", true)]
    [InlineData("States.Runtime", "States.Runtime", true)]
    [InlineData("MyError", "MyError", true)]
    [InlineData("MyError", "myerror", false)]
    [InlineData("MyError", "OtherError", false)]
    public void Matches_follows_the_ASL_rules(string candidate, string error, bool expected) =>
        Assert.Equal(expected, ErrorMatcher.Matches(candidate, error));

    [Fact]
    public void A_list_matches_when_any_entry_matches() =>
        Assert.True(ErrorMatcher.Matches(["A", "B", "States.ALL"], "C"));

    [Fact]
    public void A_missing_error_is_matched_only_by_wildcards()
    {
        Assert.True(ErrorMatcher.Matches(["States.ALL"], null));
        Assert.False(ErrorMatcher.Matches(["SomeError"], null));
    }

    private static readonly string[] Predefined = [ "States.ALL", "States.Runtime", "States.Timeout", "States.TaskFailed", "States.Permissions", "States.HeartbeatTimeout",
            "States.BranchFailed", "States.NoChoiceMatched", "States.DataLimitExceeded", "States.IntrinsicFailure", "States.ExceedToleratedFailureThreshold",
            "States.ResultPathMatchFailure", "States.ParameterPathFailure", "States.ItemReaderFailed", "States.ResultWriterFailed", "States.QueryEvaluationError",
            "States.Http.Socket"];

    [Fact]
    public void Every_predefined_name_is_known() => Assert.All(Predefined, name => Assert.Contains(name, StatesErrorNames.Known));
}
