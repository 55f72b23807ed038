using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Orchestrator.Ledger;

/// <summary>
/// The run ledger's table design, in one place.
/// <list type="bullet">
/// <item>Key: <c>runId</c> (S) — the execution name; one item per run, so the slot's run is one GetItem.</item>
/// <item>GSI <c>by-job</c>: <c>job</c> + <c>runAt</c> — a job's runs newest first.</item>
/// <item>GSI <c>failed-by-month</c>: <c>failedMonth</c> ("2026-11", set only on FAILED/TIMED_OUT/ABORTED) + <c>endedAt</c>
///   — failed runs across jobs in a time range; sparse, and sharded by month so no partition grows without bound.</item>
/// <item>GSI <c>active-by-job</c>: <c>activeJob</c> (set while CLAIMED/RUNNING, removed at the end) + <c>runAt</c> —
///   the Forbid concurrency check; sparse, so it holds only live runs.</item>
/// <item>TTL: <c>expiresAt</c> (epoch seconds), default 90 days after the run.</item>
/// </list>
/// template.yaml declares the same table; a test keeps the two in step.
/// </summary>
public static class RunTable
{
    public const string RunId = "runId";
    public const string Job = "job";
    public const string RunAt = "runAt";
    public const string Status = "status";
    public const string Trigger = "trigger";
    public const string ScheduledTime = "scheduledTime";
    public const string ClaimedAt = "claimedAt";
    public const string StartedAt = "startedAt";
    public const string EndedAt = "endedAt";
    public const string DurationMs = "durationMs";
    public const string ExecutionArn = "executionArn";
    public const string Attempts = "attempts";
    public const string Error = "error";
    public const string Cause = "cause";
    public const string SkipReason = "skipReason";
    public const string RedriveCount = "redriveCount";
    public const string LogStreamPrefix = "logStreamPrefix";
    public const string FailedMonth = "failedMonth";
    public const string ActiveJob = "activeJob";
    public const string ExpiresAt = "expiresAt";

    public const string ByJobIndex = "by-job";
    public const string FailedByMonthIndex = "failed-by-month";
    public const string ActiveByJobIndex = "active-by-job";

    /// <summary>The CreateTable request for local mode and tests (production creates it from template.yaml).</summary>
    public static CreateTableRequest Definition(string tableName) => new()
    {
        TableName = tableName,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        KeySchema = [new KeySchemaElement(RunId, KeyType.HASH)],
        AttributeDefinitions =
        [
            new AttributeDefinition(RunId, ScalarAttributeType.S),
            new AttributeDefinition(Job, ScalarAttributeType.S),
            new AttributeDefinition(RunAt, ScalarAttributeType.S),
            new AttributeDefinition(FailedMonth, ScalarAttributeType.S),
            new AttributeDefinition(EndedAt, ScalarAttributeType.S),
            new AttributeDefinition(ActiveJob, ScalarAttributeType.S),
        ],
        GlobalSecondaryIndexes =
        [
            Index(ByJobIndex, Job, RunAt),
            Index(FailedByMonthIndex, FailedMonth, EndedAt),
            Index(ActiveByJobIndex, ActiveJob, RunAt, ProjectionType.KEYS_ONLY),
        ],
    };

    /// <summary>Creates the table unless it exists (local mode and tests).</summary>
    public static async Task EnsureExistsAsync(IAmazonDynamoDB dynamo, string tableName, CancellationToken cancellationToken = default)
    {
        try
        {
            await dynamo.CreateTableAsync(Definition(tableName), cancellationToken);
        }
        catch (ResourceInUseException)
        {
            // Already there: creation is idempotent for callers.
        }

        // A CREATING table answers ResourceNotFound; callers expect a usable table.
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var table = await dynamo.DescribeTableAsync(tableName, cancellationToken);
            if (table.Table.TableStatus == TableStatus.ACTIVE)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }

        throw new TimeoutException($"table {tableName} did not become ACTIVE within 30 s");
    }

    private static GlobalSecondaryIndex Index(string name, string hash, string range, ProjectionType? projection = null) => new()
    {
        IndexName = name,
        KeySchema = [new KeySchemaElement(hash, KeyType.HASH), new KeySchemaElement(range, KeyType.RANGE)],
        // The Forbid check only needs run ids: a keys-only index keeps every write to it one unit.
        Projection = new Projection { ProjectionType = projection ?? ProjectionType.ALL },
    };
}
