using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Orchestrator.Ledger;

/// <summary>What a claim found: the slot is ours now, or someone recorded it before us.</summary>
public abstract record ClaimResult
{
    private ClaimResult()
    {
    }

    public sealed record Claimed : ClaimResult;

    public sealed record AlreadyRecorded(RunRecord Existing) : ClaimResult;
}

/// <summary>A new run to claim (or to record as skipped).</summary>
public sealed record NewRun
{
    public required string RunId { get; init; }

    public required string Job { get; init; }

    public required DateTimeOffset ScheduledTime { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public string? LogStreamPrefix { get; init; }

    public string? Container { get; init; }
}

/// <summary>
/// The run ledger on DynamoDB. Every write that moves a run's status is conditional, so concurrent deliveries,
/// the state machine and the finalizer can race without a lost or doubled transition. No transactions: dynalite
/// (local mode) has none, and single-item conditions are enough for this design.
/// </summary>
public sealed class RunLedger(IAmazonDynamoDB dynamo, string tableName, TimeProvider time)
{
    public string TableName { get; } = tableName;

    /// <summary>Claims a scheduled slot: creates the run as CLAIMED only if no record for it exists.</summary>
    public async Task<ClaimResult> ClaimAsync(NewRun run, CancellationToken cancellationToken = default)
    {
        var item = NewItem(run, RunStatusNames.Claimed);
        item[RunTable.ActiveJob] = S(run.Job);
        return await PutIfAbsentAsync(run.RunId, item, cancellationToken);
    }

    /// <summary>Records a slot that will not run (deadline passed, or Forbid with a run in progress).</summary>
    public async Task<ClaimResult> RecordSkippedAsync(NewRun run, string reason, CancellationToken cancellationToken = default)
    {
        var item = NewItem(run, RunStatusNames.Skipped);
        item[RunTable.SkipReason] = S(reason);
        item[RunTable.EndedAt] = S(Iso(time.GetUtcNow()));
        return await PutIfAbsentAsync(run.RunId, item, cancellationToken);
    }

    /// <summary>CLAIMED → RUNNING with the execution ARN. False if the run had already moved on (someone else did it).</summary>
    public async Task<bool> MarkRunningAsync(string runId, string executionArn, DateTimeOffset startedAt, CancellationToken cancellationToken = default)
    {
        try
        {
            await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = TableName,
                Key = Key(runId),
                UpdateExpression = "SET #status = :running, #arn = :arn, #startedAt = :startedAt",
                ConditionExpression = "#status = :claimed",
                ExpressionAttributeNames = new() { ["#status"] = RunTable.Status, ["#arn"] = RunTable.ExecutionArn, ["#startedAt"] = RunTable.StartedAt },
                ExpressionAttributeValues = new()
                {
                    [":running"] = S(RunStatusNames.Running),
                    [":claimed"] = S(RunStatusNames.Claimed),
                    [":arn"] = S(executionArn),
                    [":startedAt"] = S(Iso(startedAt)),
                },
            }, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            await SetExecutionArnIfMissingAsync(runId, executionArn, cancellationToken);
            return false;
        }
    }

    /// <summary>Records the execution ARN when another writer moved the status first.</summary>
    public async Task SetExecutionArnIfMissingAsync(string runId, string executionArn, CancellationToken cancellationToken = default)
    {
        try
        {
            await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = TableName,
                Key = Key(runId),
                UpdateExpression = "SET #arn = :arn",
                ConditionExpression = "attribute_exists(#runId) AND attribute_not_exists(#arn)",
                ExpressionAttributeNames = new() { ["#arn"] = RunTable.ExecutionArn, ["#runId"] = RunTable.RunId },
                ExpressionAttributeValues = new() { [":arn"] = S(executionArn) },
            }, cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            // Already recorded, or no record: nothing to add.
        }
    }

    public async Task<RunRecord?> GetAsync(string runId, CancellationToken cancellationToken = default)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest { TableName = TableName, Key = Key(runId), ConsistentRead = true }, cancellationToken);
        return response.Item is { Count: > 0 } item ? RunItem.ToRecord(item) : null;
    }

    /// <summary>Runs of a job that are CLAIMED or RUNNING (the Forbid check). Index reads are eventually consistent.</summary>
    public async Task<IReadOnlyList<string>> ActiveRunIdsAsync(string job, CancellationToken cancellationToken = default)
    {
        var ids = new List<string>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var response = await dynamo.QueryAsync(new QueryRequest
            {
                TableName = TableName,
                IndexName = RunTable.ActiveByJobIndex,
                KeyConditionExpression = "#job = :job",
                ExpressionAttributeNames = new() { ["#job"] = RunTable.ActiveJob },
                ExpressionAttributeValues = new() { [":job"] = S(job) },
                ExclusiveStartKey = start,
            }, cancellationToken);
            ids.AddRange(response.Items.Select(item => item[RunTable.RunId].S));
            start = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);
        return ids;
    }

    /// <summary>A job's runs, newest first.</summary>
    public async Task<IReadOnlyList<RunRecord>> ListByJobAsync(string job, int limit, DateTimeOffset? since = null, CancellationToken cancellationToken = default)
    {
        var request = new QueryRequest
        {
            TableName = TableName,
            IndexName = RunTable.ByJobIndex,
            KeyConditionExpression = since is null ? "#job = :job" : "#job = :job AND #runAt >= :since",
            ExpressionAttributeNames = since is null ? new() { ["#job"] = RunTable.Job } : new() { ["#job"] = RunTable.Job, ["#runAt"] = RunTable.RunAt },
            ExpressionAttributeValues = new() { [":job"] = S(job) },
            ScanIndexForward = false,
        };
        if (since is not null)
        {
            request.ExpressionAttributeValues[":since"] = S(Iso(since.Value));
        }

        return await QueryAllAsync(request, limit, cancellationToken);
    }

    /// <summary>FAILED, TIMED_OUT and ABORTED runs across jobs that ended in [from, to), newest first.</summary>
    public async Task<IReadOnlyList<RunRecord>> ListFailedAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken = default)
    {
        var runs = new List<RunRecord>();
        for (var month = new DateTimeOffset(to.Year, to.Month, 1, 0, 0, 0, TimeSpan.Zero); month >= new DateTimeOffset(from.Year, from.Month, 1, 0, 0, 0, TimeSpan.Zero) && runs.Count < limit; month = month.AddMonths(-1))
        {
            runs.AddRange(await QueryAllAsync(new QueryRequest
            {
                TableName = TableName,
                IndexName = RunTable.FailedByMonthIndex,
                KeyConditionExpression = "#month = :month AND #endedAt BETWEEN :from AND :to",
                ExpressionAttributeNames = new() { ["#month"] = RunTable.FailedMonth, ["#endedAt"] = RunTable.EndedAt },
                ExpressionAttributeValues = new()
                {
                    [":month"] = S(month.ToString("yyyy-MM", CultureInfo.InvariantCulture)),
                    [":from"] = S(Iso(from)),
                    [":to"] = S(Iso(to)),
                },
                ScanIndexForward = false,
            }, limit - runs.Count, cancellationToken));
        }

        return runs;
    }

    /// <summary>
    /// Applies an execution's end as Step Functions reports it (EventBridge status change). For FAILED, TIMED_OUT and
    /// ABORTED it moves a still-open run to that status — the state machine cannot write when it was stopped or died —
    /// and always records the duration. A record that is already terminal keeps its status.
    /// </summary>
    public async Task<bool> FinalizeAsync(ExecutionEnd end, CancellationToken cancellationToken = default)
    {
        var names = new Dictionary<string, string>
        {
            ["#runId"] = RunTable.RunId,
            ["#duration"] = RunTable.DurationMs,
            ["#activeJob"] = RunTable.ActiveJob,
            ["#arn"] = RunTable.ExecutionArn,
        };
        var values = new Dictionary<string, AttributeValue>
        {
            [":duration"] = N(Math.Max(0, (long)(end.StopDate - end.StartDate).TotalMilliseconds)),
            [":arn"] = S(end.ExecutionArn),
        };
        if (end.Status is RunStatus.Failed or RunStatus.TimedOut or RunStatus.Aborted)
        {
            names["#status"] = RunTable.Status;
            names["#endedAt"] = RunTable.EndedAt;
            names["#month"] = RunTable.FailedMonth;
            names["#error"] = RunTable.Error;
            names["#cause"] = RunTable.Cause;
            names["#job"] = RunTable.Job;
            names["#trigger"] = RunTable.Trigger;
            names["#runAt"] = RunTable.RunAt;
            values[":status"] = S(end.Status.ToName());
            values[":endedAt"] = S(Iso(end.StopDate));
            values[":month"] = S(end.StopDate.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture));
            values[":error"] = S(string.IsNullOrEmpty(end.Error) ? "States." + end.Status.ToName() : end.Error);
            values[":cause"] = S(Truncate(end.Cause ?? "", 2000));
            values[":claimed"] = S(RunStatusNames.Claimed);
            values[":running"] = S(RunStatusNames.Running);
            values[":job"] = S(end.Job ?? "unknown");
            values[":manual"] = S(RunTrigger.Manual.ToName());
            values[":runAt"] = S(Iso(end.StartDate));
            try
            {
                await dynamo.UpdateItemAsync(new UpdateItemRequest
                {
                    TableName = TableName,
                    Key = Key(end.RunId),
                    UpdateExpression = "SET #status = :status, #endedAt = :endedAt, #month = :month, #error = :error, #cause = :cause, #duration = :duration, "
                        + "#arn = :arn, #job = if_not_exists(#job, :job), #trigger = if_not_exists(#trigger, :manual), #runAt = if_not_exists(#runAt, :runAt) REMOVE #activeJob",
                    // A manual execution stopped before its first write has no record yet: create it.
                    ConditionExpression = "attribute_not_exists(#runId) OR #status IN (:claimed, :running)",
                    ExpressionAttributeNames = names,
                    ExpressionAttributeValues = values,
                }, cancellationToken);
                return true;
            }
            catch (ConditionalCheckFailedException)
            {
                // Already terminal: keep its status, but still record the duration below.
            }
        }

        try
        {
            await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = TableName,
                Key = Key(end.RunId),
                UpdateExpression = "SET #duration = :duration, #arn = if_not_exists(#arn, :arn) REMOVE #activeJob",
                ConditionExpression = "attribute_exists(#runId)",
                ExpressionAttributeNames = new() { ["#runId"] = RunTable.RunId, ["#duration"] = RunTable.DurationMs, ["#activeJob"] = RunTable.ActiveJob, ["#arn"] = RunTable.ExecutionArn },
                ExpressionAttributeValues = new() { [":duration"] = values[":duration"], [":arn"] = values[":arn"] },
            }, cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            // No record at all for a succeeded execution: nothing to annotate.
        }

        return false;
    }

    private async Task<ClaimResult> PutIfAbsentAsync(string runId, Dictionary<string, AttributeValue> item, CancellationToken cancellationToken)
    {
        try
        {
            await dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = TableName,
                Item = item,
                ConditionExpression = "attribute_not_exists(#runId)",
                ExpressionAttributeNames = new() { ["#runId"] = RunTable.RunId },
            }, cancellationToken);
            return new ClaimResult.Claimed();
        }
        catch (ConditionalCheckFailedException)
        {
            var existing = await GetAsync(runId, cancellationToken)
                ?? throw new InvalidOperationException($"run {runId} failed its claim condition but cannot be read back");
            return new ClaimResult.AlreadyRecorded(existing);
        }
    }

    private Dictionary<string, AttributeValue> NewItem(NewRun run, string status)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            [RunTable.RunId] = S(run.RunId),
            [RunTable.Job] = S(run.Job),
            [RunTable.RunAt] = S(Iso(run.ScheduledTime)),
            [RunTable.ScheduledTime] = S(Iso(run.ScheduledTime)),
            [RunTable.Trigger] = S(RunTrigger.Schedule.ToName()),
            [RunTable.Status] = S(status),
            [RunTable.ClaimedAt] = S(Iso(time.GetUtcNow())),
            [RunTable.ExpiresAt] = N(run.ExpiresAt.ToUnixTimeSeconds()),
        };
        if (!string.IsNullOrEmpty(run.LogStreamPrefix))
        {
            item[RunTable.LogStreamPrefix] = S(run.LogStreamPrefix);
        }

        if (!string.IsNullOrEmpty(run.Container))
        {
            item[RunItem.Container] = S(run.Container);
        }

        return item;
    }

    private async Task<IReadOnlyList<RunRecord>> QueryAllAsync(QueryRequest request, int limit, CancellationToken cancellationToken)
    {
        var runs = new List<RunRecord>();
        do
        {
            request.Limit = Math.Min(100, Math.Max(1, limit - runs.Count));
            var response = await dynamo.QueryAsync(request, cancellationToken);
            runs.AddRange(response.Items.Select(RunItem.ToRecord));
            request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (request.ExclusiveStartKey is not null && runs.Count < limit);
        return runs;
    }

    private static Dictionary<string, AttributeValue> Key(string runId) => new() { [RunTable.RunId] = S(runId) };

    internal static AttributeValue S(string value) => new() { S = value };

    internal static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    /// <summary>ISO-8601 UTC with milliseconds: sorts lexically in time order, like Step Functions' own timestamps.</summary>
    public static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}

/// <summary>An execution's end as the EventBridge "Step Functions Execution Status Change" event reports it.</summary>
public sealed record ExecutionEnd
{
    public required string RunId { get; init; }

    public required string ExecutionArn { get; init; }

    public required RunStatus Status { get; init; }

    public required DateTimeOffset StartDate { get; init; }

    public required DateTimeOffset StopDate { get; init; }

    public string? Job { get; init; }

    public string? Error { get; init; }

    public string? Cause { get; init; }
}
