using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Orchestrator.Testing;

namespace Orchestrator.Ledger.Tests;

public sealed class RunLedgerTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>, IDisposable
{
    private static readonly DateTimeOffset Slot = new(2026, 11, 21, 3, 0, 0, TimeSpan.Zero);
    private readonly AmazonDynamoDBClient _dynamo = new(new BasicAWSCredentials("AKIDLOCAL", "local"), new AmazonDynamoDBConfig { ServiceURL = dynalite.Endpoint, AuthenticationRegion = "us-east-1" });

    [Fact]
    public async Task Exactly_one_of_many_concurrent_claims_for_a_slot_wins()
    {
        var ledger = await NewLedgerAsync();
        var run = NewRun("race", Slot);

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => ledger.ClaimAsync(run))));

        Assert.Single(results, r => r is ClaimResult.Claimed);
        Assert.All(results.OfType<ClaimResult.AlreadyRecorded>(), r => Assert.Equal(RunStatus.Claimed, r.Existing.Status));
    }

    [Fact]
    public async Task A_claim_records_the_slot_with_its_keys_ttl_and_active_marker()
    {
        var ledger = await NewLedgerAsync();

        await ledger.ClaimAsync(NewRun("keys", Slot));

        var item = (await _dynamo.GetItemAsync(ledger.TableName, new() { [RunTable.RunId] = new AttributeValue("keys-20261121T030000Z") })).Item;
        Assert.Equal("keys", item[RunTable.Job].S);
        Assert.Equal("2026-11-21T03:00:00.000Z", item[RunTable.RunAt].S);
        Assert.Equal("CLAIMED", item[RunTable.Status].S);
        Assert.Equal("schedule", item[RunTable.Trigger].S);
        Assert.Equal("keys", item[RunTable.ActiveJob].S);
        Assert.Equal(Slot.AddDays(90).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), item[RunTable.ExpiresAt].N);
    }

    [Fact]
    public async Task Running_is_set_only_from_claimed_and_only_once()
    {
        var ledger = await NewLedgerAsync();
        await ledger.ClaimAsync(NewRun("once", Slot));

        Assert.True(await ledger.MarkRunningAsync("once-20261121T030000Z", "arn:exec:1", Slot));
        Assert.False(await ledger.MarkRunningAsync("once-20261121T030000Z", "arn:exec:2", Slot));

        var record = await ledger.GetAsync("once-20261121T030000Z");
        Assert.Equal(RunStatus.Running, record!.Status);
        Assert.Equal("arn:exec:1", record.ExecutionArn);
    }

    [Fact]
    public async Task The_finalizer_moves_an_open_run_to_its_end_status_but_never_overwrites_a_terminal_one()
    {
        var ledger = await NewLedgerAsync();
        await ledger.ClaimAsync(NewRun("ends", Slot));
        await ledger.ClaimAsync(NewRun("ends", Slot.AddHours(1)));
        await _dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ledger.TableName,
            Key = new() { [RunTable.RunId] = new AttributeValue("ends-20261121T040000Z") },
            UpdateExpression = "SET #s = :s",
            ExpressionAttributeNames = new() { ["#s"] = RunTable.Status },
            ExpressionAttributeValues = new() { [":s"] = new AttributeValue("SUCCEEDED") },
        });

        Assert.True(await ledger.FinalizeAsync(End("ends-20261121T030000Z", RunStatus.Aborted, Slot)));
        Assert.False(await ledger.FinalizeAsync(End("ends-20261121T040000Z", RunStatus.Failed, Slot.AddHours(1))));

        var aborted = await ledger.GetAsync("ends-20261121T030000Z");
        Assert.Equal(RunStatus.Aborted, aborted!.Status);
        Assert.Equal(45_000, aborted.DurationMs);
        Assert.Equal("States.ABORTED", aborted.Error);
        var succeeded = await ledger.GetAsync("ends-20261121T040000Z");
        Assert.Equal(RunStatus.Succeeded, succeeded!.Status);
        Assert.Equal(45_000, succeeded.DurationMs);
        Assert.Empty(await ledger.ActiveRunIdsAsync("ends"));
    }

    [Fact]
    public async Task A_manual_execution_stopped_before_its_first_write_still_gets_a_record()
    {
        var ledger = await NewLedgerAsync();

        await ledger.FinalizeAsync(End("7b1c9a", RunStatus.Aborted, Slot) with { Job = "adhoc" });

        var record = await ledger.GetAsync("7b1c9a");
        Assert.Equal(RunTrigger.Manual, record!.Trigger);
        Assert.Equal("adhoc", record.Job);
        Assert.Equal(RunStatus.Aborted, record.Status);
    }

    [Fact]
    public async Task Runs_of_a_job_list_newest_first_and_failures_list_across_jobs_by_time()
    {
        var ledger = await NewLedgerAsync();
        for (var i = 0; i < 5; i++)
        {
            await ledger.ClaimAsync(NewRun("listed", Slot.AddDays(i)));
            await ledger.ClaimAsync(NewRun("other", Slot.AddDays(i)));
        }

        await ledger.FinalizeAsync(End("listed-20261122T030000Z", RunStatus.Failed, Slot.AddDays(1)));
        await ledger.FinalizeAsync(End("other-20261124T030000Z", RunStatus.TimedOut, Slot.AddDays(3)));
        await ledger.FinalizeAsync(End("other-20261125T030000Z", RunStatus.Succeeded, Slot.AddDays(4)));

        var listed = await ledger.ListByJobAsync("listed", limit: 3);
        Assert.Equal(["listed-20261125T030000Z", "listed-20261124T030000Z", "listed-20261123T030000Z"], listed.Select(r => r.RunId));
        var failed = await ledger.ListFailedAsync(Slot, Slot.AddDays(10), limit: 10);
        Assert.Equal(["other-20261124T030000Z", "listed-20261122T030000Z"], failed.Select(r => r.RunId));
        Assert.Empty(await ledger.ListFailedAsync(Slot.AddDays(5), Slot.AddDays(10), limit: 10));
    }

    [Fact]
    public async Task Attempts_written_by_the_state_machine_read_back_with_exit_code_stop_reason_and_log_stream()
    {
        var ledger = await NewLedgerAsync();
        await ledger.ClaimAsync(NewRun("attempts", Slot));
        const string stopped = """{"TaskArn":"arn:aws:ecs:us-east-1:1:task/c/8aebc075","StopCode":"EssentialContainerExited","StoppedReason":"Essential container in task exited","StartedAt":1625021138159,"StoppedAt":1625021161609,"Containers":[{"Name":"sidecar","ExitCode":0},{"Name":"main","ExitCode":2,"Reason":"boom"}]}""";
        const string eni = """{"TaskArn":"arn:aws:ecs:us-east-1:1:task/c/11","StopCode":"TaskFailedToStart","StoppedReason":"Timeout waiting for network interface provisioning to complete.","Containers":[{"Name":"main"}]}""";
        await _dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ledger.TableName,
            Key = new() { [RunTable.RunId] = new AttributeValue("attempts-20261121T030000Z") },
            UpdateExpression = "SET #a = :a",
            ExpressionAttributeNames = new() { ["#a"] = RunTable.Attempts },
            ExpressionAttributeValues = new()
            {
                [":a"] = new AttributeValue
                {
                    L =
                    [
                        new AttributeValue { M = new() { ["kind"] = new AttributeValue("stopped"), ["task"] = new AttributeValue(eni), ["redriveCount"] = new AttributeValue { N = "0" } } },
                        new AttributeValue { M = new() { ["kind"] = new AttributeValue("error"), ["error"] = new AttributeValue("ECS.AmazonECSException"), ["cause"] = new AttributeValue("Capacity is unavailable at this time."), ["redriveCount"] = new AttributeValue { N = "0" } } },
                        new AttributeValue { M = new() { ["kind"] = new AttributeValue("stopped"), ["task"] = new AttributeValue(stopped), ["redriveCount"] = new AttributeValue { N = "1" } } },
                    ],
                },
            },
        });

        var record = await ledger.GetAsync("attempts-20261121T030000Z");

        Assert.Equal(3, record!.Attempts.Length);
        Assert.Equal("TaskFailedToStart", record.Attempts[0].StopCode);
        Assert.Null(record.Attempts[0].ExitCode);
        Assert.Equal("ECS.AmazonECSException", record.Attempts[1].Error);
        var last = record.Attempts[2];
        Assert.Equal(2, last.ExitCode); // the job's container, not the first one listed
        Assert.Equal("boom", last.ContainerReason);
        Assert.Equal(1, last.RedriveCount);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1625021138159), last.StartedAt);
        Assert.Equal("attempts/main/8aebc075", last.LogStream);
        Assert.Equal(2, record.ExitCode);
    }

    private async Task<RunLedger> NewLedgerAsync()
    {
        var table = "runs-" + Guid.NewGuid().ToString("N")[..12];
        await RunTable.EnsureExistsAsync(_dynamo, table);
        return new RunLedger(_dynamo, table, TimeProvider.System);
    }

    private static NewRun NewRun(string job, DateTimeOffset slot) => new()
    {
        RunId = Scheduling.Runs.RunId.For(job, slot),
        Job = job,
        ScheduledTime = slot,
        ExpiresAt = slot.AddDays(90),
        LogStreamPrefix = job + "/main",
        Container = "main",
    };

    private static ExecutionEnd End(string runId, RunStatus status, DateTimeOffset start) => new()
    {
        RunId = runId,
        ExecutionArn = "arn:aws:states:us-east-1:123456789012:execution:run-job:" + runId,
        Status = status,
        StartDate = start,
        StopDate = start.AddSeconds(45),
    };

    public void Dispose() => _dynamo.Dispose();
}
