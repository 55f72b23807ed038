using Orchestrator.States.Loading;

namespace Orchestrator.States.Tests;

public class ValidationTests
{
    private static IReadOnlyList<ValidationProblem> Problems(string definition) => DefinitionLoader.Load(definition).Problems;

    private static void HasProblemAt(string definition, string pointer, string? containing = null)
    {
        var problems = Problems(definition);
        Assert.True(problems.Any(p => p.Pointer == pointer && (containing is null || p.Message.Contains(containing, StringComparison.Ordinal))),
            $"expected a problem at {pointer}; got: {string.Join(" | ", problems)}");
    }

    [Fact]
    public void A_valid_definition_has_no_problems() =>
        Assert.Empty(Problems("""{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Succeed"}}}"""));

    [Fact]
    public void Invalid_json_is_one_problem_at_the_root() => HasProblemAt("{", "", "not valid JSON");

    [Fact]
    public void Missing_StartAt_and_States() =>
        Assert.Equal(["/StartAt", "/States"], Problems("{}").Select(p => p.Pointer).Order());

    [Fact]
    public void Dangling_StartAt() => HasProblemAt("""{"StartAt":"X","States":{"A":{"Type":"Succeed"}}}""", "/StartAt", "'X'");

    [Fact]
    public void Unknown_state_type() => HasProblemAt("""{"StartAt":"A","States":{"A":{"Type":"Sleep","End":true}}}""", "/States/A/Type", "Unknown state type");

    [Fact]
    public void Dangling_Next() => HasProblemAt("""{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Nope"}}}""", "/States/A/Next", "'Nope'");

    [Fact]
    public void Missing_Next_and_End() => HasProblemAt("""{"StartAt":"A","States":{"A":{"Type":"Pass"}}}""", "/States/A", "Next or End");

    [Fact]
    public void Both_Next_and_End() => HasProblemAt("""{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B","End":true},"B":{"Type":"Succeed"}}}""", "/States/A", "both");

    [Fact]
    public void Unreachable_state() => HasProblemAt("""{"StartAt":"A","States":{"A":{"Type":"Succeed"},"B":{"Type":"Succeed"}}}""", "/States/B", "not reachable");

    [Fact]
    public void Bad_path_syntax() => HasProblemAt("""{"StartAt":"A","States":{"A":{"Type":"Pass","InputPath":"x.y","End":true}}}""", "/States/A/InputPath", "not a valid path");

    [Fact]
    public void ResultPath_must_be_a_reference_path() =>
        HasProblemAt("""{"StartAt":"A","States":{"A":{"Type":"Pass","ResultPath":"$.a[*]","End":true}}}""", "/States/A/ResultPath", "reference path");

    [Fact]
    public void Bad_payload_path() =>
        HasProblemAt("""{"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"x.$":"nope"},"End":true}}}""", "/States/A/Parameters/x.$");

    [Fact]
    public void States_ALL_must_be_alone_and_last()
    {
        const string definition = """
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::ecs:runTask","End":true,
              "Retry":[{"ErrorEquals":["States.ALL","X"]},{"ErrorEquals":["Y"]}],
              "Catch":[{"ErrorEquals":["States.ALL"],"Next":"F"},{"ErrorEquals":["Z"],"Next":"F"}]},
             "F":{"Type":"Fail"}}}
            """;
        HasProblemAt(definition, "/States/T/Retry/0/ErrorEquals", "alone");
        HasProblemAt(definition, "/States/T/Retry/0/ErrorEquals", "last");
        HasProblemAt(definition, "/States/T/Catch/0/ErrorEquals", "last");
    }

    [Fact]
    public void Invalid_retry_and_catch_fields()
    {
        const string definition = """
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::ecs:runTask","End":true,
              "Retry":[{"ErrorEquals":[],"IntervalSeconds":0,"MaxAttempts":-1,"BackoffRate":0.5,"JitterStrategy":"SOME","Extra":1}],
              "Catch":[{"ErrorEquals":["States.Bogus"]}]}}}
            """;
        HasProblemAt(definition, "/States/T/Retry/0/ErrorEquals");
        HasProblemAt(definition, "/States/T/Retry/0/IntervalSeconds");
        HasProblemAt(definition, "/States/T/Retry/0/MaxAttempts");
        HasProblemAt(definition, "/States/T/Retry/0/BackoffRate");
        HasProblemAt(definition, "/States/T/Retry/0/JitterStrategy");
        HasProblemAt(definition, "/States/T/Retry/0/Extra");
        HasProblemAt(definition, "/States/T/Catch/0/Next");
        HasProblemAt(definition, "/States/T/Catch/0/ErrorEquals/0", "reserved");
    }

    [Fact]
    public void Missing_required_fields()
    {
        HasProblemAt("""{"StartAt":"T","States":{"T":{"Type":"Task","End":true}}}""", "/States/T/Resource");
        HasProblemAt("""{"StartAt":"C","States":{"C":{"Type":"Choice"}}}""", "/States/C/Choices");
        HasProblemAt("""{"StartAt":"W","States":{"W":{"Type":"Wait","End":true}}}""", "/States/W", "exactly one");
        HasProblemAt("""{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true}}}""", "/States/P/Branches");
        HasProblemAt("""{"StartAt":"M","States":{"M":{"Type":"Map","End":true}}}""", "/States/M", "ItemProcessor");
    }

    [Fact]
    public void Choice_rules_are_checked()
    {
        const string definition = """
            {"StartAt":"C","States":{"C":{"Type":"Choice","Default":"D","Choices":[
              {"Variable":"$.a","NumericEquals":"1","Next":"D"},
              {"Variable":"$.a","StringEquals":"x","BooleanEquals":true,"Next":"D"},
              {"And":[{"Variable":"$.a","IsNull":true,"Next":"D"}],"Next":"D"},
              {"Variable":"$.a","StringEquals":"x"}]},
             "D":{"Type":"Succeed"}}}
            """;
        HasProblemAt(definition, "/States/C/Choices/0/NumericEquals", "number");
        HasProblemAt(definition, "/States/C/Choices/1", "exactly one");
        HasProblemAt(definition, "/States/C/Choices/2/And/0/Next");
        HasProblemAt(definition, "/States/C/Choices/3/Next");
    }

    [Fact]
    public void Branch_problems_carry_nested_pointers()
    {
        const string definition = """
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Outside"}}},
              {"StartAt":"Missing","States":{"B":{"Type":"Succeed"}}}]},
             "Outside":{"Type":"Succeed"}}}
            """;
        HasProblemAt(definition, "/States/P/Branches/0/States/A/Next", "'Outside'");
        HasProblemAt(definition, "/States/P/Branches/1/StartAt");
    }

    [Fact]
    public void Map_processor_problems_carry_nested_pointers() =>
        HasProblemAt("""{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass"}}}}}}""",
            "/States/M/ItemProcessor/States/I", "Next or End");

    [Fact]
    public void Duplicate_state_names_across_branches() =>
        HasProblemAt("""{"StartAt":"A","States":{"A":{"Type":"Parallel","End":true,"Branches":[{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}]}}}""",
            "/States/A/Branches/0/States/A", "unique");

    [Fact]
    public void Unknown_fields_are_reported() =>
        HasProblemAt("""{"StartAt":"A","States":{"A":{"Type":"Pass","End":true,"Resultt":1}}}""", "/States/A/Resultt", "not supported");

    [Fact]
    public void Every_problem_is_reported_not_just_the_first()
    {
        var problems = Problems("""{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"X"},"B":{"Type":"Bogus"},"C":{"Type":"Wait","End":true}}}""");
        Assert.True(problems.Count >= 3, string.Join(" | ", problems));
    }

    [Fact]
    public void Pointer_segments_are_escaped() =>
        HasProblemAt("""{"StartAt":"a/b","States":{"a/b":{"Type":"Pass"}}}""", "/States/a~1b", "Next or End");

    [Fact]
    public void A_JSONata_definition_is_runnable()
    {
        var result = DefinitionLoader.Load("""{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":"{% 1 %}","End":true}}}""");
        Assert.Empty(result.Problems);
        Assert.Empty(result.Unsupported);
        Assert.True(result.IsRunnable);
    }

    [Fact]
    public void A_JSONata_only_field_in_a_JSONPath_state_is_a_problem() =>
        HasProblemAt("""{"StartAt":"A","States":{"A":{"Type":"Pass","Output":{},"End":true}}}""", "/States/A/Output", "JSONata");
}
