using Orchestrator.Local.Tasks.Faults;

namespace Orchestrator.Local.Tasks.Tests;

public sealed class FaultPlanTests
{
    [Fact]
    public void A_full_spec_parses_every_fault()
    {
        var plan = FaultPlan.Parse(" eni=0.3, capacity=0.1,exit=2:0.2,unknown=0.05,exit=75:0.1,seed=42 ");

        Assert.Equal(0.3, plan.Eni);
        Assert.Equal(0.1, plan.Capacity);
        Assert.Equal(0.05, plan.Unknown);
        Assert.Equal([new ExitFault(2, 0.2), new ExitFault(75, 0.1)], plan.Exits.ToArray());
        Assert.Equal(42, plan.Seed);
        Assert.True(plan.AffectsTasks);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ,  ")]
    public void An_empty_spec_injects_nothing(string? spec)
    {
        var plan = FaultPlan.Parse(spec);

        Assert.False(plan.AffectsTasks);
        Assert.Empty(plan.Others);
    }

    [Fact]
    public void Keys_of_other_components_are_accepted_checked_and_exposed()
    {
        var plan = FaultPlan.Parse("eni=0.1,duplicates=3,crash-after-claim=0.25");

        Assert.Equal(3, plan.Duplicates);
        Assert.Equal(0.25, plan.CrashAfterClaim);
        Assert.Equal("3", plan.Others["duplicates"]);
        Assert.Equal(0.25, plan.Probability("crash-after-claim"));
        Assert.Null(plan.Count("missing"));
    }

    [Fact]
    public void A_component_can_parse_with_its_own_keys()
    {
        var keys = FaultPlan.OtherComponentKeys.Add("drop-events", FaultValueKind.Probability);

        var plan = FaultPlan.Parse("drop-events=0.5", keys);

        Assert.Equal(0.5, plan.Probability("drop-events"));
        Assert.Contains("drop-events=P", Assert.Throws<FormatException>(() => FaultPlan.Parse("drop=1", keys)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_spec_round_trips_through_ToString()
    {
        var plan = FaultPlan.Parse("eni=0.3,capacity=0.1,exit=2:0.2,unknown=0.05,duplicates=2,seed=9");

        Assert.Equal(plan, FaultPlan.Parse(plan.ToString()), new PlanText());
    }

    [Theory]
    [InlineData("enii=0.3", "unknown fault 'enii'; expected eni=P, capacity=P, unknown=P, exit=CODE:P, seed=N, crash-after-claim=P, duplicates=N")]
    [InlineData("eni=1.5", "probability '1.5' for 'eni' is out of range; expected a number from 0 to 1")]
    [InlineData("capacity=-0.1", "probability '-0.1' for 'capacity' is not a number; expected a number from 0 to 1, e.g. capacity=0.2")]
    [InlineData("unknown=lots", "probability 'lots' for 'unknown' is not a number; expected a number from 0 to 1, e.g. unknown=0.2")]
    [InlineData("eni", "fault 'eni' has no value; write eni=P")]
    [InlineData("eni=0.1,eni=0.2", "fault 'eni' is given twice; give each key once")]
    [InlineData("exit=2", "exit fault '2' has no probability; write exit=CODE:P, e.g. exit=2:0.2")]
    [InlineData("exit=0:0.5", "exit code '0' is not valid; expected a whole number from 1 to 255 (exit=CODE:P)")]
    [InlineData("exit=300:0.5", "exit code '300' is not valid; expected a whole number from 1 to 255 (exit=CODE:P)")]
    [InlineData("exit=2:2", "probability '2' for 'exit=2' is out of range; expected a number from 0 to 1")]
    [InlineData("exit=2:0.1,exit=2:0.3", "fault 'exit=2' is given twice; give each exit code once")]
    [InlineData("exit=2:0.6,exit=3:0.6", "exit probabilities add up to 1.2; together they must not exceed 1")]
    [InlineData("seed=abc", "seed 'abc' is not a whole number; write seed=N")]
    [InlineData("duplicates=-1", "'-1' for 'duplicates' is not a count; expected a whole number, 0 or more")]
    [InlineData("crash-after-claim=2", "probability '2' for 'crash-after-claim' is out of range; expected a number from 0 to 1")]
    public void A_bad_spec_is_rejected_with_a_message_naming_the_bad_part(string spec, string message)
    {
        Assert.False(FaultPlan.TryParse(spec, out var plan, out var error));
        Assert.Null(plan);
        Assert.Equal(message, error);
        Assert.Equal(message, Assert.Throws<FormatException>(() => FaultPlan.Parse(spec)).Message);
    }

    private sealed class PlanText : IEqualityComparer<FaultPlan>
    {
        public bool Equals(FaultPlan? x, FaultPlan? y) => x?.ToString() == y?.ToString();

        public int GetHashCode(FaultPlan obj) => obj.ToString().GetHashCode(StringComparison.Ordinal);
    }
}
