using System.Text.Json.Nodes;
using Orchestrator.Local.Tasks.Faults;
using Orchestrator.States.Integrations;

namespace Orchestrator.Local.Tasks.Tests;

/// <summary>Injected ENI, capacity, placement and exit faults with fixed seeds: outcomes and counts are reproducible.</summary>
public sealed class FaultInjectionTests : IDisposable
{
    private readonly TaskFixtures _fixtures = new();

    [Fact]
    public void The_same_seed_draws_the_same_faults_and_counts()
    {
        var plan = FaultPlan.Parse("eni=0.3,capacity=0.1,exit=2:0.2,unknown=0.05,seed=7");
        var first = new FaultInjector(plan);
        var second = new FaultInjector(plan);

        var a = Enumerable.Range(0, 1000).Select(_ => first.Next()).ToList();
        var b = Enumerable.Range(0, 1000).Select(_ => second.Next()).ToList();

        Assert.Equal(a, b);
        Assert.Equal(first.Counts.ToString(), second.Counts.ToString());
        var counts = first.Counts;
        Assert.Equal(a.Count(f => f is LaunchFault.EniFailure), counts.Eni);
        Assert.Equal(a.Count(f => f is LaunchFault.CapacityUnavailable), counts.Capacity);
        Assert.Equal(a.Count(f => f is LaunchFault.PlacementFailure), counts.Unknown);
        Assert.Equal(a.Count(f => f is LaunchFault.Exit { Code: 2 }), counts.ExitsByCode[2]);
        // Sanity of the draw order (capacity, then unknown, then eni, then exit) for this fixed seed, not a statistical test.
        Assert.InRange(counts.Capacity, 60, 140);
        Assert.InRange(counts.Unknown, 20, 80);
        Assert.InRange(counts.Eni, 200, 330);
        Assert.InRange(counts.Exit, 90, 200);
        Assert.NotEqual(a, Enumerable.Range(0, 1000).Select(_ => new FaultInjector(plan with { Seed = 8 })).Select(i => i.Next()).ToList());
    }

    [Fact]
    public void ENI_failures_rotate_through_every_known_StoppedReason_and_each_is_one_the_workflow_retries()
    {
        var injector = new FaultInjector(FaultPlan.Parse("eni=1"));

        var reasons = Enumerable.Range(0, EniStoppedReasons.All.Length).Select(_ => ((LaunchFault.EniFailure)injector.Next()).StoppedReason).ToList();

        Assert.Equal(EniStoppedReasons.All, reasons);
        Assert.Equal(8, reasons.Distinct(StringComparer.Ordinal).Count());
        // The patterns of run-job.asl.json's ClassifyStoppedReason that cover network failures.
        Assert.All(reasons, r => Assert.True(r.Contains("network interface", StringComparison.Ordinal) || r.Contains("Network interface", StringComparison.Ordinal) || r.StartsWith("ResourceInitializationError", StringComparison.Ordinal), r));
    }

    [Fact]
    public async Task An_injected_ENI_failure_stops_the_task_TaskFailedToStart_without_running_the_command()
    {
        var marker = Path.Combine(_fixtures.Logs, "ran");
        await using var runner = _fixtures.Runner(TaskFixtures.Definition("sh", "-c", $"mkdir -p {_fixtures.Logs}; touch {marker}"), FaultPlan.Parse("eni=1"));

        var (arn, task) = await TaskFixtures.RunToStopAsync(runner, TaskFixtures.Request());

        Assert.Equal("TaskFailedToStart", (string?)task["StopCode"]);
        Assert.Equal(EniStoppedReasons.All[0], (string?)task["StoppedReason"]);
        Assert.Null(task["Containers"]![0]!["ExitCode"]);
        Assert.Equal("STOPPED", (string?)task["LastStatus"]);
        Assert.False(File.Exists(marker));
        Assert.False(File.Exists(runner.LogPath(arn)));
        Assert.Equal(1, runner.InjectedFaults.Eni);
    }

    [Fact]
    public async Task An_injected_capacity_shortage_is_the_RunTask_AmazonECSException()
    {
        await using var runner = _fixtures.Runner(TaskFixtures.Definition("true"), FaultPlan.Parse("capacity=1"));

        var error = Assert.IsType<EcsApiError>(await runner.RunTaskAsync(TaskFixtures.Request(), CancellationToken.None));

        Assert.Equal("AmazonECSException", error.ExceptionName);
        Assert.Equal("Capacity is unavailable at this time. Please try again later or in a different availability zone", error.Message);
        Assert.Equal(1, runner.InjectedFaults.Capacity);
        Assert.Empty(runner.KnownTasks);
    }

    [Fact]
    public async Task An_injected_placement_failure_is_an_HTTP_200_with_Failures_RESOURCE_FARGATE()
    {
        await using var runner = _fixtures.Runner(TaskFixtures.Definition("true"), FaultPlan.Parse("unknown=1"));

        var response = Assert.IsType<EcsRunTaskResponse>(await runner.RunTaskAsync(TaskFixtures.Request(), CancellationToken.None)).Response;

        Assert.Empty(response["Tasks"]!.AsArray());
        var failure = Assert.Single(response["Failures"]!.AsArray())!;
        Assert.Equal("RESOURCE:FARGATE", (string?)failure["Reason"]);
        Assert.Equal(TaskFixtures.ClusterArn, (string?)failure["Arn"]);
        Assert.Equal(1, runner.InjectedFaults.Unknown);
    }

    [Fact]
    public async Task An_injected_exit_reports_its_code_without_running_the_command()
    {
        await using var runner = _fixtures.Runner(TaskFixtures.Definition("sh", "-c", "echo real work"), FaultPlan.Parse("exit=75:1"));

        var (arn, task) = await TaskFixtures.RunToStopAsync(runner, TaskFixtures.Request());

        Assert.Equal(75, TaskFixtures.ExitCode(task));
        Assert.Equal("EssentialContainerExited", (string?)task["StopCode"]);
        var log = await File.ReadAllTextAsync(runner.LogPath(arn)!);
        Assert.Contains("exit code 75 injected", log, StringComparison.Ordinal);
        Assert.DoesNotContain("real work", log, StringComparison.Ordinal);
        Assert.Equal(1, runner.InjectedFaults.ExitsByCode[75]);
    }

    [Fact]
    public async Task A_seeded_mix_over_real_tasks_gives_the_same_outcomes_twice()
    {
        var plan = FaultPlan.Parse("eni=0.3,capacity=0.1,exit=2:0.2,unknown=0.05,seed=11");

        var first = await OutcomesAsync(plan);
        var second = await OutcomesAsync(plan);

        Assert.Equal(first.Outcomes, second.Outcomes);
        Assert.Equal(first.Counts.ToString(), second.Counts.ToString());
        Assert.Equal(first.Outcomes.Count(o => o.StartsWith("TaskFailedToStart", StringComparison.Ordinal)), first.Counts.Eni);
        Assert.Equal(first.Outcomes.Count(o => o == "AmazonECSException"), first.Counts.Capacity);
        Assert.Equal(first.Outcomes.Count(o => o == "RESOURCE:FARGATE"), first.Counts.Unknown);
        Assert.Equal(first.Outcomes.Count(o => o == "exit 2"), first.Counts.Exit);
        Assert.Equal(20 - first.Counts.Total, first.Outcomes.Count(o => o == "exit 0"));
    }

    private async Task<(List<string> Outcomes, InjectedFaults Counts)> OutcomesAsync(FaultPlan plan)
    {
        await using var runner = _fixtures.Runner(TaskFixtures.Definition("true"), plan);
        var outcomes = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            switch (await runner.RunTaskAsync(TaskFixtures.Request(), CancellationToken.None))
            {
                case EcsApiError error:
                    outcomes.Add(error.ExceptionName);
                    break;
                case EcsRunTaskResponse { Response: var response } when response["Failures"] is JsonArray { Count: > 0 } failures:
                    outcomes.Add((string)failures[0]!["Reason"]!);
                    break;
                case EcsRunTaskResponse { Response: var response }:
                    var task = await runner.WaitUntilStoppedAsync((string)response["Tasks"]![0]!["TaskArn"]!, CancellationToken.None);
                    outcomes.Add(task["StopCode"]!.GetValue<string>() == "TaskFailedToStart" ? "TaskFailedToStart " + task["StoppedReason"] : "exit " + TaskFixtures.ExitCode(task));
                    break;
            }
        }

        return (outcomes, runner.InjectedFaults);
    }

    public void Dispose() => _fixtures.Dispose();
}
