using System.Text.Json;
using Orchestrator.Ledger;
using Orchestrator.Scheduling.Runs;
using Orchestrator.Testing;

namespace Orchestrator.Starter.Tests;

public sealed class StartExactlyOnceTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    private static readonly DateTimeOffset Slot0 = new(2026, 11, 21, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Duplicate_storm_of_50_slots_times_20_concurrent_deliveries_starts_exactly_50_executions()
    {
        await using var harness = await StarterHarness.StartAsync(dynalite, Slot0.AddMinutes(50));
        // Widen the race: every StartExecution waits a little, so concurrent deliveries overlap on the claim.
        harness.Peer.BeforeStart = _ => Task.Delay(Random.Shared.Next(0, 5));
        var slots = Enumerable.Range(0, 50).Select(i => Slot0.AddMinutes(i)).ToList();
        var deliveries = slots.SelectMany(slot => Enumerable.Repeat(slot, 20)).OrderBy(_ => Random.Shared.Next()).ToList();

        var responses = await Task.WhenAll(deliveries.Select(slot => harness.InvokeAsync(Deliveries.For("storm", slot, ",\"startingDeadlineSeconds\":7200"))));

        var outcomes = responses.Select(r => JsonDocument.Parse(r).RootElement.GetProperty("outcome").GetString()).ToList();
        Assert.Equal(50, harness.Peer.Executions.Count);
        Assert.Equal(slots.Select(s => RunId.For("storm", s)).Order(), harness.Peer.Executions.Keys.Order());
        Assert.Equal(50, outcomes.Count(o => o == "Started"));
        Assert.Equal(950, outcomes.Count(o => o == "Duplicate"));
        foreach (var slot in slots)
        {
            var record = await harness.Ledger.GetAsync(RunId.For("storm", slot));
            Assert.NotNull(record);
            Assert.Equal(RunStatus.Running, record.Status);
            Assert.Equal(harness.Peer.Executions[record.RunId].Arn, record.ExecutionArn);
        }
    }

    [Fact]
    public async Task A_late_duplicate_after_the_execution_closed_is_a_duplicate_not_a_second_run()
    {
        await using var harness = await StarterHarness.StartAsync(dynalite, Slot0.AddSeconds(5));
        var delivery = Deliveries.For("late", Slot0);
        Assert.Contains("\"Started\"", await harness.InvokeAsync(delivery));
        harness.Peer.Close(RunId.For("late", Slot0));

        var second = await harness.InvokeAsync(delivery);

        Assert.Contains("\"Duplicate\"", second);
        Assert.Single(harness.Peer.Executions);
    }

    [Fact]
    public async Task A_crash_between_claim_and_StartExecution_is_resumed_by_the_next_delivery()
    {
        await using var harness = await StarterHarness.StartAsync(dynalite, Slot0.AddSeconds(2));
        var delivery = Deliveries.For("crashy", Slot0);
        harness.Peer.BeforeStart = _ => throw new IOException("starter died");

        // The first delivery claims, then its StartExecution call dies (the process would be gone; Lambda retries).
        await Assert.ThrowsAnyAsync<Exception>(() => harness.InvokeAsync(delivery));
        var claimed = await harness.Ledger.GetAsync(RunId.For("crashy", Slot0));
        Assert.Equal(RunStatus.Claimed, claimed!.Status);
        Assert.Empty(harness.Peer.Executions);

        harness.Peer.BeforeStart = null;
        harness.Clock.Advance(TimeSpan.FromMinutes(1)); // Lambda's async retry comes a minute later
        var retry = await harness.InvokeAsync(delivery);

        Assert.Contains("\"Resumed\"", retry);
        Assert.Single(harness.Peer.Executions);
        var record = await harness.Ledger.GetAsync(RunId.For("crashy", Slot0));
        Assert.Equal(RunStatus.Running, record!.Status);
        Assert.Equal(harness.Peer.Executions.Values.Single().Arn, record.ExecutionArn);
    }

    [Fact]
    public async Task The_execution_input_is_identical_across_deliveries_so_StartExecution_stays_idempotent()
    {
        await using var harness = await StarterHarness.StartAsync(dynalite, Slot0.AddSeconds(2));
        var delivery = Deliveries.For("stable", Slot0, ",\"retry\":{\"exitCodes\":[75,3],\"exitCodeRetries\":2}");
        harness.Peer.BeforeStart = _ => throw new IOException("died after claim");
        await Assert.ThrowsAnyAsync<Exception>(() => harness.InvokeAsync(delivery));
        harness.Peer.BeforeStart = null;
        harness.Clock.Advance(TimeSpan.FromMinutes(2));
        await harness.InvokeAsync(delivery);

        var input = JsonDocument.Parse(harness.Peer.Executions.Values.Single().Input).RootElement;
        Assert.Equal("stable", input.GetProperty("job").GetString());
        Assert.Equal(RunId.For("stable", Slot0), input.GetProperty("runId").GetString());
        Assert.Equal("[3,75]", input.GetProperty("retry").GetProperty("exitCodes").GetRawText());
        Assert.Equal("[10,20,40,80]", input.GetProperty("retry").GetProperty("launchDelaysSeconds").GetRawText());
        Assert.Equal(Deliveries.For("stable", Slot0, ",\"retry\":{\"exitCodes\":[75,3],\"exitCodeRetries\":2}"), delivery);
        // The same delivery always renders the same bytes.
        var parsed = Scheduling.Jobs.ScheduleInput.Parse(System.Text.Encoding.UTF8.GetBytes(delivery), out _)!;
        var again = Input.ExecutionInput.For(parsed.Job, RunId.For("stable", Slot0), Slot0, 90).ToJson();
        Assert.Equal(harness.Peer.Executions.Values.Single().Input, again);
    }
}
