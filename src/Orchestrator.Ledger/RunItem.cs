using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace Orchestrator.Ledger;

/// <summary>
/// Reads ledger items back into records. Attempts are written by the state machine as maps holding the ECS task
/// (as JSON text, exactly as Step Functions returned it) or the error; the fields users care about are pulled out here,
/// in C#, where a missing field is a null and not a failed execution.
/// </summary>
public static class RunItem
{
    public const string Container = "container";

    public static RunRecord ToRecord(Dictionary<string, AttributeValue> item)
    {
        var container = Str(item, Container);
        var logPrefix = Str(item, RunTable.LogStreamPrefix);
        var attempts = item.TryGetValue(RunTable.Attempts, out var list) && list.L is { Count: > 0 }
            ? [.. list.L.Where(a => a.M is { Count: > 0 }).Select(a => ToAttempt(a.M, container, logPrefix))]
            : ImmutableArray<RunAttempt>.Empty;
        var runAt = Time(Str(item, RunTable.RunAt)) ?? Time(Str(item, RunTable.ScheduledTime)) ?? DateTimeOffset.UnixEpoch;
        return new RunRecord
        {
            RunId = Str(item, RunTable.RunId) ?? "",
            Job = Str(item, RunTable.Job) ?? "unknown",
            Trigger = RunStatusNames.ParseTrigger(Str(item, RunTable.Trigger)),
            Status = RunStatusNames.Parse(Str(item, RunTable.Status)) ?? RunStatus.Running,
            RunAt = runAt,
            ScheduledTime = Time(Str(item, RunTable.ScheduledTime)),
            Attempts = attempts,
            ExecutionArn = Str(item, RunTable.ExecutionArn),
            ClaimedAt = Time(Str(item, RunTable.ClaimedAt)),
            StartedAt = Time(Str(item, RunTable.StartedAt)),
            EndedAt = Time(Str(item, RunTable.EndedAt)),
            DurationMs = Num(item, RunTable.DurationMs),
            Error = Str(item, RunTable.Error),
            Cause = Str(item, RunTable.Cause),
            SkipReason = Str(item, RunTable.SkipReason),
            RedriveCount = (int)(Num(item, RunTable.RedriveCount) ?? 0),
            LogStreamPrefix = logPrefix,
        };
    }

    private static RunAttempt ToAttempt(Dictionary<string, AttributeValue> map, string? container, string? logPrefix)
    {
        var attempt = new RunAttempt
        {
            Kind = Str(map, "kind") ?? "unknown",
            Error = Str(map, "error"),
            Cause = Str(map, "cause") ?? CauseFromDetail(Str(map, "detail")),
            RedriveCount = (int)(Num(map, "redriveCount") ?? 0),
            RecordedAt = Time(Str(map, "recordedAt")),
        };
        var taskJson = Str(map, "task");
        if (string.IsNullOrEmpty(taskJson))
        {
            return attempt;
        }

        try
        {
            using var document = JsonDocument.Parse(taskJson);
            var task = document.RootElement;
            var taskArn = Text(task, "TaskArn");
            var chosen = ChooseContainer(task, container);
            return attempt with
            {
                TaskArn = taskArn,
                StopCode = Text(task, "StopCode"),
                StoppedReason = Text(task, "StoppedReason"),
                ExitCode = chosen is { } c && c.TryGetProperty("ExitCode", out var exit) && exit.ValueKind == JsonValueKind.Number ? exit.GetInt32() : null,
                ContainerReason = chosen is { } r ? Text(r, "Reason") : null,
                StartedAt = EcsTime(task, "StartedAt"),
                StoppedAt = EcsTime(task, "StoppedAt"),
                LogStream = LogStream(logPrefix, taskArn),
            };
        }
        catch (JsonException)
        {
            return attempt with { Cause = attempt.Cause ?? taskJson };
        }
    }

    /// <summary>The state machine stores a caught error whole ({"Error":..,"Cause":..}): a Cause may be absent.</summary>
    private static string? CauseFromDetail(string? detail)
    {
        if (string.IsNullOrEmpty(detail))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(detail);
            return document.RootElement.ValueKind == JsonValueKind.Object ? Text(document.RootElement, "Cause") : null;
        }
        catch (JsonException)
        {
            return detail;
        }
    }

    /// <summary>awslogs names a stream prefix/container/task-id; the ledger stores prefix/container.</summary>
    public static string? LogStream(string? prefix, string? taskArn)
    {
        if (string.IsNullOrEmpty(prefix) || string.IsNullOrEmpty(taskArn))
        {
            return null;
        }

        var slash = taskArn.LastIndexOf('/');
        return slash < 0 ? null : prefix + "/" + taskArn[(slash + 1)..];
    }

    private static JsonElement? ChooseContainer(JsonElement task, string? name)
    {
        if (!task.TryGetProperty("Containers", out var containers) || containers.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        JsonElement? first = null;
        foreach (var candidate in containers.EnumerateArray())
        {
            first ??= candidate;
            if (name is not null && Text(candidate, "Name") == name)
            {
                return candidate;
            }
        }

        return first;
    }

    /// <summary>Step Functions serializes ECS times as epoch milliseconds; accept ISO text too.</summary>
    private static DateTimeOffset? EcsTime(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms),
            JsonValueKind.Number => DateTimeOffset.FromUnixTimeMilliseconds((long)(value.GetDouble() * 1000)),
            JsonValueKind.String => Time(value.GetString()),
            _ => null,
        };
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Str(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? value.S : null;

    private static long? Num(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.N is { } n && long.TryParse(n, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

    private static DateTimeOffset? Time(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value) ? value : null;
}
