using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Definitions.Tests;

/// <summary>What must hold for statemachines/run-job.asl.json without running it (the engine tests run it).</summary>
public sealed class RunJobDefinitionTests
{
    private static readonly JsonObject Definition = JsonNode.Parse(File.ReadAllText(RepoPaths.Of("statemachines", "run-job.asl.json")))!.AsObject();
    private static JsonObject Machine => Definition["States"]!.AsObject();

    [Fact]
    public void The_happy_path_costs_at_most_3_billed_state_transitions()
    {
        // Happy path: every Task succeeds, so follow Next from StartAt until End; a Choice would need a decision,
        // and the happy path must not need one.
        var path = new List<string>();
        var current = (string?)Definition["StartAt"];
        while (current is not null)
        {
            path.Add(current);
            Assert.True(path.Count <= 10, "the happy path loops: " + string.Join(" -> ", path));
            var state = Machine[current]!.AsObject();
            Assert.NotEqual("Choice", (string?)state["Type"]);
            current = state["End"]?.GetValue<bool>() == true ? null : (string?)state["Next"];
        }

        Assert.Equal(["RunTask", "RecordSucceeded"], path);
        Assert.InRange(path.Count, 1, 3);
        Assert.Equal("arn:aws:states:::ecs:runTask.sync", (string?)Machine["RunTask"]!["Resource"]);
        Assert.Equal("arn:aws:states:::dynamodb:updateItem", (string?)Machine["RecordSucceeded"]!["Resource"]);
    }

    public static TheoryData<string> LaunchTransientReasons() =>
    [
        // aws-semantics.md §2.1, with the case and trailing-period variants seen in the wild.
        "Timeout waiting for network interface provisioning to complete.",
        "Timeout waiting for network interface provisioning to complete",
        "Network interface provision complete error timeout wait for network interface provision.",
        "network interface provision complete error timeout wait for network interface provision.",
        "Network interface provision complete error timeout wait for network interface provision",
        "Rate limit exceeded while preparing network interface to be attached to instance",
        "ResourceInitializationError: failed to configure ENI: failed to setup regular eni: netplugin failed with no error message",
        "Unexpected EC2 error while attempting to attach network interface to instance",
        // ResourceInitializationError (PV 1.4+), and image pulls that timed out.
        "ResourceInitializationError: failed to initialize logging driver: some reason",
        "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth",
        "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref \"docker.io/library/busybox:stable\": dial tcp 1.2.3.4:443: i/o timeout",
        "CannotPullContainerError: Error response from daemon: Get https://registry/v2/: net/http: request canceled while waiting for connection",
        "CannotPullContainerError: context deadline exceeded: timed out waiting for the registry",
    ];

    public static TheoryData<string> NotLaunchTransientReasons() =>
    [
        "Essential container in task exited",
        "Task stopped by user",
        "CannotPullContainerError: pull access denied for private/image, repository does not exist or may require 'docker login'",
        "CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to resolve ref docker.io/x@sha256:abc: not found",
        "OutOfMemoryError: Container killed due to memory usage",
        "CannotStartContainerError: failed to get container status: exec format error",
    ];

    [Theory]
    [MemberData(nameof(LaunchTransientReasons))]
    public void Every_known_launch_failure_reason_is_classified_launch_transient(string stoppedReason) =>
        Assert.True(MatchesLaunchPattern(stoppedReason), $"no ClassifyStoppedReason pattern matches: {stoppedReason}");

    [Theory]
    [MemberData(nameof(NotLaunchTransientReasons))]
    public void Failures_that_a_retry_would_not_fix_are_not_classified_launch_transient(string stoppedReason) =>
        Assert.False(MatchesLaunchPattern(stoppedReason), $"wrongly launch-transient: {stoppedReason}");

    [Fact]
    public void Launch_failure_error_names_go_to_the_launch_budget_and_nothing_else_does()
    {
        var classify = Machine["ClassifyError"]!.AsObject();
        var names = classify["Choices"]![0]!["Or"]!.AsArray().Select(rule => (string?)rule!["StringEquals"]).ToHashSet();
        Assert.Equal(["AmazonECS.Unknown", "ECS.AmazonECSException"], names.Order());
        Assert.Equal("LaunchBudget", (string?)classify["Choices"]![0]!["Next"]);
        Assert.Equal("RecordFailed", (string?)classify["Default"]);
    }

    [Fact]
    public void An_unlisted_exit_code_fails_the_run_and_only_listed_codes_within_budget_retry()
    {
        var budget = Machine["ExitCodeBudget"]!.AsObject();
        var rules = budget["Choices"]![0]!["And"]!.AsArray();
        Assert.Contains(rules, r => (string?)r!["Variable"] == "$.exitCheck.listed" && r["BooleanEquals"]?.GetValue<bool>() == true);
        Assert.Contains(rules, r => (string?)r!["Variable"] == "$.counters.exitCodeRetries" && (string?)r["NumericLessThanPath"] == "$.retry.exitCodeRetries");
        Assert.Equal("RecordFailed", (string?)budget["Default"]);
    }

    [Fact]
    public void Every_DynamoDB_write_names_and_values_only_what_its_expressions_use()
    {
        // DynamoDB rejects an ExpressionAttributeNames/Values entry that no expression uses, and a reference to one
        // that is not defined: check every updateItem state both ways.
        foreach (var (name, state) in Machine.Select(p => (p.Key, p.Value!.AsObject())).Where(s => ((string?)s.Item2["Resource"])?.Contains("dynamodb", StringComparison.Ordinal) == true))
        {
            var parameters = state["Parameters"]!.AsObject();
            var expressions = (string?)parameters["UpdateExpression"] + " " + (string?)parameters["ConditionExpression"];
            var declaredNames = parameters["ExpressionAttributeNames"]!.AsObject().Select(p => p.Key).ToHashSet();
            var declaredValues = parameters["ExpressionAttributeValues"]!.AsObject().Select(p => p.Key).ToHashSet();
            var usedNames = Tokens(expressions, '#');
            var usedValues = Tokens(expressions, ':');
            Assert.True(declaredNames.SetEquals(usedNames), $"{name}: names declared {string.Join(",", declaredNames.Order())} vs used {string.Join(",", usedNames.Order())}");
            Assert.True(declaredValues.SetEquals(usedValues), $"{name}: values declared {string.Join(",", declaredValues.Order())} vs used {string.Join(",", usedValues.Order())}");
            Assert.Equal("${RunsTableName}", (string?)parameters["TableName"]);
            Assert.Equal("$$.Execution.Name", (string?)parameters["Key"]!["runId"]!["S.$"]);
        }
    }

    private static HashSet<string> Tokens(string expression, char prefix)
    {
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < expression.Length; i++)
        {
            if (expression[i] != prefix)
            {
                continue;
            }

            var end = i + 1;
            while (end < expression.Length && (char.IsLetterOrDigit(expression[end]) || expression[end] == '_'))
            {
                end++;
            }

            tokens.Add(expression[i..end]);
            i = end - 1;
        }

        return tokens;
    }

    private static bool MatchesLaunchPattern(string reason)
    {
        var rules = Machine["ClassifyStoppedReason"]!["Choices"]![0]!["Or"]!.AsArray();
        Assert.All(rules, rule => Assert.Equal("$.stopped.task.StoppedReason", (string?)rule!["Variable"]));
        return rules.Any(rule => StringMatches(reason, (string)rule!["StringMatches"]!));
    }

    /// <summary>ASL StringMatches: '*' matches any run of characters, '\*' and '\\' are literals.</summary>
    private static bool StringMatches(string text, string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\' && i + 1 < pattern.Length)
            {
                regex.Append(System.Text.RegularExpressions.Regex.Escape(pattern[++i].ToString()));
            }
            else
            {
                regex.Append(pattern[i] == '*' ? ".*" : System.Text.RegularExpressions.Regex.Escape(pattern[i].ToString()));
            }
        }

        return System.Text.RegularExpressions.Regex.IsMatch(text, regex.Append('$').ToString(), System.Text.RegularExpressions.RegexOptions.Singleline);
    }
}
