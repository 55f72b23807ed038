using System.Text;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Orchestrator.Ledger;
using Orchestrator.Local.Tasks.Faults;
using Orchestrator.Scheduling.Runs;
using Orchestrator.Starter.Input;
using Orchestrator.States.Execution;
using Orchestrator.States.Integrations;
using Orchestrator.States.Loading;
using Orchestrator.States.Model;
using Orchestrator.Templates;
using Orchestrator.Testing;

namespace Orchestrator.Local.Tasks.Tests;

/// <summary>
/// template.yaml's sample job, end to end offline: statemachines/run-job.asl.json in our engine, its RunTask executed by
/// local ECS as a real process with ENI faults injected, its run record written to dynalite by the DynamoDB integration.
/// </summary>
public sealed class RunJobWithLocalTasksTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>, IDisposable
{
    private static readonly DateTimeOffset Slot = new(2026, 11, 21, 2, 0, 0, TimeSpan.Zero);
    private readonly AmazonDynamoDBClient _dynamo = new(new BasicAWSCredentials("AKIDLOCAL", "local"), new AmazonDynamoDBConfig { ServiceURL = dynalite.Endpoint, AuthenticationRegion = "us-east-1" });
    private readonly HttpClient _http = new();
    private readonly TaskFixtures _fixtures = new();

    [Fact]
    public async Task The_sample_job_survives_injected_ENI_failures_and_every_attempt_is_recorded()
    {
        var template = SamTemplate.Load(RepoPaths.Of("template.yaml"));
        var job = Assert.Single(template.Jobs).ParseInput(Slot, out var problems)?.Job;
        Assert.True(job is not null, string.Join("; ", problems));
        var table = "runs-" + Guid.NewGuid().ToString("N")[..12];
        await RunTable.EnsureExistsAsync(_dynamo, table);
        var clock = new VirtualTimeProvider(Slot);
        var ledger = new RunLedger(_dynamo, table, clock);
        var runId = RunId.For(job.Name, Slot);
        var input = ExecutionInput.For(job, runId, Slot, 90);
        await ledger.ClaimAsync(new NewRun { RunId = runId, Job = job.Name, ScheduledTime = Slot, ExpiresAt = Slot.AddDays(90), Container = input.Task.Container, LogStreamPrefix = input.Task.LogStreamPrefix });

        var faults = FaultPlan.Parse("eni=0.5,seed=" + SeedWhoseFirstLaunchesFailThenOneStarts(eniProbability: 0.5, failures: 2));
        await using var ecs = new LocalEcsTaskRunner(template.TaskDefinitions, new LocalEcsOptions { LogsDirectory = _fixtures.Logs, Faults = faults, Time = clock });
        var tasks = new TaskHandlerRegistry();
        EcsRunTaskHandler.Register(tasks, ecs);
        DynamoDbTaskHandler.Register(tasks, new DynamoDbTaskHandler(_http, new Uri(dynalite.Endpoint)));
        var engine = new StateMachineEngine(new EngineOptions { Time = clock, Tasks = tasks, RandomSeed = 7 });
        var execution = engine.Start(Definition(template, table), new StartExecutionRequest { Name = runId, Input = JsonNode.Parse(input.ToJson()), StateMachineName = "run-job" });
        await ledger.MarkRunningAsync(runId, execution.ExecutionArn, Slot);

        var result = await execution.Completion.WaitAsync(TimeSpan.FromSeconds(90));

        Assert.True(result.Status == ExecutionStatus.Succeeded, $"{result.StatusName} {result.Error} {result.Cause}");
        var record = await ledger.GetAsync(runId);
        Assert.NotNull(record);
        Assert.Equal(RunStatus.Succeeded, record.Status);
        Assert.Equal(2, ecs.InjectedFaults.Eni);
        Assert.Equal(["stopped", "stopped", "succeeded"], record.Attempts.Select(a => a.Kind));
        Assert.Equal(EniStoppedReasons.All.Take(2), record.Attempts.Take(2).Select(a => a.StoppedReason));
        Assert.All(record.Attempts.Take(2), a => Assert.Equal("TaskFailedToStart", a.StopCode));
        Assert.All(record.Attempts.Take(2), a => Assert.Null(a.ExitCode));
        var last = record.Attempts[^1];
        Assert.Equal(0, last.ExitCode);
        Assert.Equal("EssentialContainerExited", last.StopCode);
        // The ledger's log stream names the file local ECS wrote: <logs>/<prefix>/<container>/<task-id>.log.
        Assert.StartsWith("nightly-report/report/", last.LogStream, StringComparison.Ordinal);
        var log = Path.Combine(_fixtures.Logs, last.LogStream!.Replace('/', Path.DirectorySeparatorChar) + ".log");
        Assert.Equal(["building report for yesterday", "done"], await File.ReadAllLinesAsync(log));
        // Two launch backoffs of the job's policy (10 s, then 20 s) passed on the virtual clock.
        Assert.Equal(TimeSpan.FromSeconds(30), clock.GetUtcNow() - Slot);
    }

    /// <summary>The first seed whose draws give <paramref name="failures"/> ENI failures and then a launch, found with the same injector the runner uses.</summary>
    private static int SeedWhoseFirstLaunchesFailThenOneStarts(double eniProbability, int failures)
    {
        var plan = new FaultPlan { Eni = eniProbability };
        for (var seed = 1; ; seed++)
        {
            var injector = new FaultInjector(plan with { Seed = seed });
            var draws = Enumerable.Range(0, failures + 1).Select(_ => injector.Next()).ToList();
            if (draws.Take(failures).All(d => d is LaunchFault.EniFailure) && draws[^1] is LaunchFault.NoFault)
            {
                return seed;
            }
        }
    }

    private static StateMachineDefinition Definition(SamTemplate template, string table)
    {
        var machine = Assert.Single(template.StateMachines);
        var text = new StringBuilder(machine.DefinitionTemplate);
        foreach (var (key, value) in machine.Substitutions.SetItem("RunsTableName", table))
        {
            text.Replace("${" + key + "}", value);
        }

        var loaded = DefinitionLoader.Load(text.ToString());
        Assert.True(loaded.IsRunnable, string.Join("; ", loaded.Problems.Select(p => p.ToString()).Concat(loaded.Unsupported.Select(u => u.ToString()))));
        return loaded.Definition!;
    }

    public void Dispose()
    {
        _dynamo.Dispose();
        _http.Dispose();
        _fixtures.Dispose();
    }
}
