using System.Text;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Orchestrator.Ledger;
using Orchestrator.Scheduling.Jobs;
using Orchestrator.Scheduling.Runs;
using Orchestrator.Starter.Input;
using Orchestrator.States.Execution;
using Orchestrator.States.Integrations;
using Orchestrator.States.Loading;
using Orchestrator.States.Model;
using Orchestrator.Testing;
using RetryPolicy = Orchestrator.Scheduling.Jobs.RetryPolicy;

namespace Orchestrator.Definitions.Tests;

/// <summary>
/// statemachines/run-job.asl.json executed by our ASL engine on every path, with scripted ECS outcomes and the real
/// DynamoDB integration writing to dynalite; each test reads the run record back through the ledger.
/// </summary>
public sealed class RunJobExecutionTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>, IDisposable
{
    private const string Eni = "Timeout waiting for network interface provisioning to complete.";
    private const string Capacity = "Capacity is unavailable at this time. Please try again later or in a different availability zone";
    private static readonly DateTimeOffset Slot = new(2026, 11, 21, 3, 0, 0, TimeSpan.Zero);
    private readonly AmazonDynamoDBClient _dynamo = new(new BasicAWSCredentials("AKIDLOCAL", "local"), new AmazonDynamoDBConfig { ServiceURL = dynalite.Endpoint, AuthenticationRegion = "us-east-1" });
    private readonly HttpClient _http = new();

    [Fact]
    public async Task Success_records_SUCCEEDED_with_one_attempt()
    {
        var run = await RunAsync(Job(), new EcsScript.Exits(0));

        Assert.Equal(ExecutionStatus.Succeeded, run.Result.Status);
        Assert.Equal(RunStatus.Succeeded, run.Record.Status);
        var attempt = Assert.Single(run.Record.Attempts);
        Assert.Equal("succeeded", attempt.Kind);
        Assert.Equal(0, attempt.ExitCode);
        Assert.Equal("EssentialContainerExited", attempt.StopCode);
        Assert.Equal("job/main/00000001", attempt.LogStream);
        Assert.Equal(RunTrigger.Schedule, run.Record.Trigger);
        Assert.Equal(run.ExecutionArn, run.Record.ExecutionArn);
        Assert.Empty(await run.Ledger.ActiveRunIdsAsync("job"));
    }

    [Fact]
    public async Task RunTask_gets_the_jobs_overrides_network_and_tags()
    {
        var run = await RunAsync(Job(), new EcsScript.Exits(0));

        var request = Assert.Single(run.Ecs.Requests);
        Assert.Equal("arn:aws:ecs:us-east-1:123456789012:cluster/orchestrator", (string?)request["Cluster"]);
        Assert.Equal("FARGATE", (string?)request["LaunchType"]);
        Assert.Equal("arn:aws:ecs:us-east-1:123456789012:task-definition/job:1", (string?)request["TaskDefinition"]);
        Assert.Equal("""["subnet-a","subnet-b"]""", request["NetworkConfiguration"]!["AwsvpcConfiguration"]!["Subnets"]!.ToJsonString());
        var container = request["Overrides"]!["ContainerOverrides"]![0]!;
        Assert.Equal("main", (string?)container["Name"]);
        Assert.Equal("""["sh","-c","work"]""", container["Command"]!.ToJsonString());
        Assert.Equal("""[{"Name":"MODE","Value":"nightly"}]""", container["Environment"]!.ToJsonString());
        Assert.Equal("512", (string?)request["Overrides"]!["Cpu"]);
        var tags = request["Tags"]!.AsArray().ToDictionary(t => (string)t!["Key"]!, t => (string?)t!["Value"]);
        Assert.Equal("job", tags["orchestrator:job"]);
        Assert.Equal(RunId.For("job", Slot), tags["orchestrator:run"]);
    }

    [Fact]
    public async Task An_ENI_failure_then_success_retries_after_the_first_backoff_and_records_both_attempts()
    {
        var run = await RunAsync(Job(), new EcsScript.FailsToStart(Eni), new EcsScript.Exits(0));

        Assert.Equal(RunStatus.Succeeded, run.Record.Status);
        Assert.Equal(["stopped", "succeeded"], run.Record.Attempts.Select(a => a.Kind));
        Assert.Equal("TaskFailedToStart", run.Record.Attempts[0].StopCode);
        Assert.Equal(Eni, run.Record.Attempts[0].StoppedReason);
        Assert.Null(run.Record.Attempts[0].ExitCode);
        Assert.Equal(TimeSpan.FromSeconds(10), run.Clock.GetUtcNow() - Slot); // the first launch backoff, on the virtual clock
    }

    [Fact]
    public async Task Launch_failures_that_exhaust_the_budget_end_FAILED_after_every_attempt_with_growing_backoff()
    {
        var job = Job() with { Retry = new RetryPolicy { LaunchAttempts = 4, LaunchBackoffSeconds = 10, LaunchBackoffRate = 2 } };
        var run = await RunAsync(job, new EcsScript.FailsToStart(Eni), new EcsScript.FailsToStart("ResourceInitializationError: failed to configure ENI"), new EcsScript.FailsToStart("Network interface provision complete error timeout wait for network interface provision."), new EcsScript.FailsToStart(Eni));

        Assert.Equal(ExecutionStatus.Failed, run.Result.Status);
        Assert.Equal(RunStatus.Failed, run.Record.Status);
        Assert.Equal(4, run.Record.Attempts.Length);
        Assert.All(run.Record.Attempts, a => Assert.Equal("TaskFailedToStart", a.StopCode));
        Assert.Equal("States.TaskFailed", run.Record.Error);
        Assert.Equal(0, run.Ecs.Remaining);
        // 10 + 20 + 40 s of backoff between the four launches, on the virtual clock.
        Assert.Equal(TimeSpan.FromSeconds(70), run.Clock.GetUtcNow() - Slot);
        var failed = await run.Ledger.ListFailedAsync(Slot, Slot.AddDays(1), 10);
        Assert.Equal(run.RunId, Assert.Single(failed).RunId);
    }

    [Fact]
    public async Task A_listed_exit_code_is_retried_within_its_budget()
    {
        var job = Job() with { Retry = new RetryPolicy { ExitCodes = [75], ExitCodeRetries = 2, ExitCodeRetryDelaySeconds = 30 } };
        var run = await RunAsync(job, new EcsScript.Exits(75), new EcsScript.Exits(75), new EcsScript.Exits(0));

        Assert.Equal(RunStatus.Succeeded, run.Record.Status);
        Assert.Equal([75, 75, 0], run.Record.Attempts.Select(a => a.ExitCode ?? -1));
    }

    [Fact]
    public async Task A_listed_exit_code_past_its_budget_fails_the_run()
    {
        var job = Job() with { Retry = new RetryPolicy { ExitCodes = [75], ExitCodeRetries = 1 } };
        var run = await RunAsync(job, new EcsScript.Exits(75), new EcsScript.Exits(75));

        Assert.Equal(RunStatus.Failed, run.Record.Status);
        Assert.Equal(2, run.Record.Attempts.Length);
        Assert.Equal(75, run.Record.ExitCode);
    }

    [Fact]
    public async Task An_unlisted_exit_code_fails_at_once()
    {
        var job = Job() with { Retry = new RetryPolicy { ExitCodes = [75], ExitCodeRetries = 3 } };
        var run = await RunAsync(job, new EcsScript.Exits(2), new EcsScript.Exits(0));

        Assert.Equal(RunStatus.Failed, run.Record.Status);
        Assert.Equal(2, Assert.Single(run.Record.Attempts).ExitCode);
        Assert.Equal(1, run.Ecs.Remaining);
        Assert.Equal(ExecutionStatus.Failed, run.Result.Status);
    }

    [Fact]
    public async Task A_capacity_error_is_retried_as_a_launch_failure()
    {
        var run = await RunAsync(Job(), new EcsScript.Throws("AmazonECSException", Capacity), new EcsScript.Exits(0));

        Assert.Equal(RunStatus.Succeeded, run.Record.Status);
        Assert.Equal(["error", "succeeded"], run.Record.Attempts.Select(a => a.Kind));
        Assert.Equal("ECS.AmazonECSException", run.Record.Attempts[0].Error);
        Assert.Contains("Capacity is unavailable", run.Record.Attempts[0].Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunTask_failures_AmazonECS_Unknown_are_retried_as_a_launch_failure()
    {
        var run = await RunAsync(Job(), new EcsScript.ReturnsFailures("RESOURCE:FARGATE"), new EcsScript.Exits(0));

        Assert.Equal(RunStatus.Succeeded, run.Record.Status);
        Assert.Equal("AmazonECS.Unknown", run.Record.Attempts[0].Error);
    }

    [Fact]
    public async Task Other_RunTask_errors_are_not_retried()
    {
        var run = await RunAsync(Job(), new EcsScript.Throws("AccessDeniedException", "not authorized to perform ecs:RunTask"), new EcsScript.Exits(0));

        Assert.Equal(RunStatus.Failed, run.Record.Status);
        Assert.Equal("ECS.AccessDeniedException", run.Record.Error);
        Assert.Equal(1, run.Ecs.Remaining);
    }

    [Fact]
    public async Task A_task_past_the_job_timeout_is_stopped_and_the_run_ends_TIMED_OUT()
    {
        var job = Job() with { TimeoutSeconds = 60 };
        var run = await RunAsync(job, [new EcsScript.Hangs()], advanceAfterHang: TimeSpan.FromSeconds(61));

        Assert.True(run.Record.Status == RunStatus.TimedOut, $"{run.Result.StatusName} {run.Result.Error} {run.Result.Cause} / record {run.Record.Status} {run.Record.Error}");
        Assert.Equal("States.Timeout", run.Record.Error);
        Assert.Equal("timed-out", Assert.Single(run.Record.Attempts).Kind);
        Assert.Single(run.Ecs.Stopped);
    }

    [Fact]
    public async Task A_manual_execution_gets_its_own_record_with_trigger_manual()
    {
        var run = await RunAsync(Job(), [new EcsScript.Exits(0)], executionName: "rerun-by-alice", claim: false);

        Assert.Equal("rerun-by-alice", run.Record.RunId);
        Assert.Equal(RunTrigger.Manual, run.Record.Trigger);
        Assert.Equal("job", run.Record.Job);
        Assert.Equal(RunStatus.Succeeded, run.Record.Status);
        Assert.Null(await run.Ledger.GetAsync(RunId.For("job", Slot)));
    }

    [Fact]
    public async Task A_redrive_of_a_failed_run_adds_a_fresh_attempt_to_the_same_record()
    {
        var run = await RunAsync(Job(), new EcsScript.Exits(3), new EcsScript.Exits(0));
        Assert.Equal(RunStatus.Failed, run.Record.Status);

        var redriven = await run.Execution.RedriveAsync();

        Assert.Equal(ExecutionStatus.Succeeded, redriven.Status);
        var record = await run.Ledger.GetAsync(run.RunId);
        Assert.Equal(RunStatus.Succeeded, record!.Status);
        Assert.Equal([3, 0], record.Attempts.Select(a => a.ExitCode ?? -1));
        Assert.Equal([0, 1], record.Attempts.Select(a => a.RedriveCount));
    }

    private Task<Outcome> RunAsync(JobSpec job, params EcsScript[] script) => RunAsync(job, script, null, true, null);

    private async Task<Outcome> RunAsync(JobSpec job, EcsScript[] script, string? executionName = null, bool claim = true, TimeSpan? advanceAfterHang = null)
    {
        var table = "runs-" + Guid.NewGuid().ToString("N")[..12];
        await RunTable.EnsureExistsAsync(_dynamo, table);
        var clock = new VirtualTimeProvider(Slot);
        var ledger = new RunLedger(_dynamo, table, clock);
        var runId = RunId.For(job.Name, Slot);
        if (claim)
        {
            await ledger.ClaimAsync(new NewRun { RunId = runId, Job = job.Name, ScheduledTime = Slot, ExpiresAt = Slot.AddDays(90), Container = "main", LogStreamPrefix = job.Name + "/main" });
        }

        var ecs = new ScriptedEcs(clock, script);
        var tasks = new TaskHandlerRegistry();
        EcsRunTaskHandler.Register(tasks, ecs);
        DynamoDbTaskHandler.Register(tasks, new DynamoDbTaskHandler(_http, new Uri(dynalite.Endpoint)));
        var engine = new StateMachineEngine(new EngineOptions { Time = clock, Tasks = tasks, RandomSeed = 7 });
        var name = executionName ?? runId;
        var input = ExecutionInput.For(job, runId, Slot, 90).ToJson();
        var execution = engine.Start(Definition(table), new StartExecutionRequest { Name = name, Input = JsonNode.Parse(input), StateMachineName = "run-job" });
        if (claim)
        {
            // As the starter does; a fast execution may already have finished, which MarkRunning tolerates.
            await ledger.MarkRunningAsync(runId, execution.ExecutionArn, Slot);
        }

        if (advanceAfterHang is { } advance)
        {
            await ecs.HangStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
            clock.Advance(advance);
        }

        var result = await execution.Completion.WaitAsync(TimeSpan.FromSeconds(60));
        var record = await ledger.GetAsync(name);
        Assert.True(record is not null, $"no run record for {name}; execution ended {result.StatusName} {result.Error} {result.Cause}");
        return new Outcome(result, record, ledger, ecs, clock, execution, name);
    }

    private static StateMachineDefinition Definition(string table)
    {
        var text = File.ReadAllText(RepoPaths.Of("statemachines", "run-job.asl.json"));
        var substitutions = new Dictionary<string, string>
        {
            ["ClusterArn"] = "arn:aws:ecs:us-east-1:123456789012:cluster/orchestrator",
            ["SubnetIds"] = "subnet-a,subnet-b",
            ["SecurityGroupIds"] = "sg-1",
            ["AssignPublicIp"] = "ENABLED",
            ["RunsTableName"] = table,
        };
        var substituted = new StringBuilder(text);
        foreach (var (key, value) in substitutions)
        {
            substituted.Replace("${" + key + "}", value);
        }

        var loaded = DefinitionLoader.Load(substituted.ToString());
        Assert.True(loaded.IsRunnable, string.Join("; ", loaded.Problems.Select(p => p.ToString()).Concat(loaded.Unsupported.Select(u => u.ToString()))));
        return loaded.Definition!;
    }

    private static JobSpec Job() => new()
    {
        Name = "job",
        Task = new TaskSpec
        {
            TaskDefinition = "arn:aws:ecs:us-east-1:123456789012:task-definition/job:1",
            Container = "main",
            Command = ["sh", "-c", "work"],
            Environment = System.Collections.Immutable.ImmutableSortedDictionary<string, string>.Empty.Add("MODE", "nightly"),
            Cpu = "512",
        },
    };

    private sealed record Outcome(ExecutionResult Result, RunRecord Record, RunLedger Ledger, ScriptedEcs Ecs, VirtualTimeProvider Clock, StateMachineExecution Execution, string RunId)
    {
        public string ExecutionArn => Execution.ExecutionArn;
    }

    public void Dispose()
    {
        _dynamo.Dispose();
        _http.Dispose();
    }
}
