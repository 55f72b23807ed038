using System.CommandLine;
using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Orchestrator.Ledger;

namespace Orchestrator.Cli.Runs;

/// <summary>`orchestrator runs`: the run ledger, newest first, by job, status and time.</summary>
internal static class RunsCommand
{
    public static Command Create(CliConsole console)
    {
        var aws = new AwsConnectionOptions();
        var job = new Option<string?>("--job") { Description = "Only this job's runs (uses the by-job index)." };
        var status = new Option<string?>("--status") { Description = "Only runs with this status: CLAIMED, RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, SKIPPED." };
        var since = new Option<string?>("--since") { Description = "Only runs at or after this time: ISO-8601 (2026-11-21T00:00:00Z) or a duration back from now (30m, 12h, 7d)." };
        var limit = new Option<int>("--limit") { Description = "At most this many runs.", DefaultValueFactory = _ => 50 };
        var json = new Option<bool>("--json") { Description = "JSON instead of a table." };
        var command = new Command("runs", "List runs from the run ledger, newest first.");
        aws.AddTo(command);
        foreach (var option in new Option[] { job, status, since, limit, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellation) =>
        {
            RunStatus? wanted = null;
            if (parse.GetValue(status) is { } statusText)
            {
                wanted = RunStatusNames.Parse(statusText.ToUpperInvariant());
                if (wanted is null)
                {
                    console.Error.WriteLine($"--status: '{statusText}' is not a run status; use CLAIMED, RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED or SKIPPED.");
                    return 2;
                }
            }

            DateTimeOffset? from = null;
            if (parse.GetValue(since) is { } sinceText)
            {
                from = ParseSince(sinceText, DateTimeOffset.UtcNow);
                if (from is null)
                {
                    console.Error.WriteLine($"--since: '{sinceText}' is neither an ISO-8601 time nor a duration such as 30m, 12h or 7d.");
                    return 2;
                }
            }

            using var connection = aws.Connect(parse, console);
            if (connection is null)
            {
                return 2;
            }

            var max = Math.Max(1, parse.GetValue(limit));
            IReadOnlyList<RunRecord> runs;
            try
            {
                runs = await ListAsync(connection, parse.GetValue(job), wanted, from, max, cancellation);
            }
            catch (ResourceNotFoundException)
            {
                console.Error.WriteLine($"The run ledger table was not found at {(parse.GetValue(aws.EndpointUrl) ?? "AWS")}: check --table and --endpoint-url/--region.");
                return 2;
            }
            catch (Amazon.Runtime.AmazonServiceException ex)
            {
                console.Error.WriteLine($"DynamoDB refused the request: {ex.ErrorCode}: {ex.Message}");
                return 2;
            }
            catch (HttpRequestException ex)
            {
                console.Error.WriteLine($"Could not reach DynamoDB: {ex.Message}");
                return 2;
            }

            if (parse.GetValue(json))
            {
                console.Out.WriteLine(RunJson.Write(runs));
            }
            else if (runs.Count == 0)
            {
                console.Out.WriteLine("No runs match.");
            }
            else
            {
                RunFormat.Table(console.Out, runs);
            }

            return 0;
        });
        return command;
    }

    private static async Task<IReadOnlyList<RunRecord>> ListAsync(AwsConnection connection, string? job, RunStatus? status, DateTimeOffset? since, int limit, CancellationToken cancellation)
    {
        if (job is not null)
        {
            // Over-fetch when filtering by status: the index is keyed by time, not status.
            var runs = await connection.Ledger.ListByJobAsync(job, status is null ? limit : limit * 20, since, cancellation);
            return [.. runs.Where(r => status is null || r.Status == status).Take(limit)];
        }

        if (status is RunStatus.Failed or RunStatus.TimedOut or RunStatus.Aborted)
        {
            var failed = await connection.Ledger.ListFailedAsync(since ?? DateTimeOffset.UtcNow.AddDays(-90), DateTimeOffset.UtcNow.AddMinutes(1), limit * 3, cancellation);
            return [.. failed.Where(r => r.Status == status).Take(limit)];
        }

        // Across all jobs there is no time-ordered index: scan (fine for a ledger that TTL keeps to 90 days) and sort.
        var all = new List<RunRecord>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await connection.Dynamo.ScanAsync(new ScanRequest { TableName = connection.Ledger.TableName, ExclusiveStartKey = start }, cancellation);
            all.AddRange(page.Items.Select(RunItem.ToRecord));
            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);
        return [.. all.Where(r => (status is null || r.Status == status) && (since is null || r.RunAt >= since)).OrderByDescending(r => r.RunAt).ThenBy(r => r.RunId, StringComparer.Ordinal).Take(limit)];
    }

    internal static DateTimeOffset? ParseSince(string text, DateTimeOffset now)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }

        if (text.Length >= 2 && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
        {
            return text[^1] switch
            {
                's' => now.AddSeconds(-amount),
                'm' => now.AddMinutes(-amount),
                'h' => now.AddHours(-amount),
                'd' => now.AddDays(-amount),
                _ => null,
            };
        }

        return null;
    }
}
