using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace Orchestrator.Scheduling.Jobs;

/// <summary>
/// The payload EventBridge Scheduler delivers for a job: the job block from template.yaml with
/// <c>&lt;aws.scheduler.scheduled-time&gt;</c> substituted. Parsing reports every problem with its JSON location.
/// </summary>
public sealed record ScheduleInput
{
    public required JobSpec Job { get; init; }

    public required DateTimeOffset ScheduledTime { get; init; }

    public const string ScheduledTimePlaceholder = "<aws.scheduler.scheduled-time>";

    /// <summary>Parses a delivered payload; <paramref name="problems"/> lists every problem when it returns null.</summary>
    public static ScheduleInput? Parse(ReadOnlySpan<byte> json, out IReadOnlyList<string> problems)
    {
        var found = new List<string>();
        problems = found;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException ex)
        {
            found.Add($"the event is not valid JSON ({ex.Message})");
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                found.Add($"the event must be a JSON object with \"job\" and \"scheduledTime\", got {Describe(root)}");
                return null;
            }

            // Scheduler's default envelope arrives when a schedule has no Input: detail is the string "{}".
            if (root.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.String
                && source.GetString() == "aws.scheduler" && root.TryGetProperty("detail-type", out _))
            {
                found.Add("this is EventBridge Scheduler's default event (detail is the string \"{}\"): the schedule has no Input. "
                    + "Give the ScheduleV2 event an Input with \"job\" and \"scheduledTime\": \"<aws.scheduler.scheduled-time>\" (see README, Adding a job).");
                return null;
            }

            var time = ReadScheduledTime(root, found);
            var job = JobBlock.Read(root, found);
            return found.Count == 0 && job is not null && time is not null
                ? new ScheduleInput { Job = job, ScheduledTime = time.Value }
                : null;
        }
    }

    private static DateTimeOffset? ReadScheduledTime(JsonElement root, List<string> problems)
    {
        if (!root.TryGetProperty("scheduledTime", out var value))
        {
            problems.Add("scheduledTime: missing; set it to \"<aws.scheduler.scheduled-time>\" in the schedule's Input");
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add($"scheduledTime: expected an ISO-8601 UTC time string, got {Describe(value)}");
            return null;
        }

        var text = value.GetString()!;
        if (text == ScheduledTimePlaceholder)
        {
            problems.Add("scheduledTime: the placeholder <aws.scheduler.scheduled-time> was not substituted; only EventBridge Scheduler fills it in");
            return null;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            || !text.EndsWith('Z'))
        {
            problems.Add($"scheduledTime: '{text}' is not an ISO-8601 UTC time such as 2026-11-21T03:00:00Z");
            return null;
        }

        return time;
    }

    internal static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{Truncate(value.GetString()!)}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

/// <summary>Reads and validates the job fields of a job block; unknown fields are errors so typos do not pass silently.</summary>
public static class JobBlock
{
    private static readonly ImmutableHashSet<string> TopLevelFields = ["job", "scheduledTime", "task", "timeoutSeconds", "retry", "concurrency", "startingDeadlineSeconds"];
    private static readonly ImmutableHashSet<string> TaskFields = ["taskDefinition", "container", "command", "environment", "cpu", "memory", "logStreamPrefix"];
    private static readonly ImmutableHashSet<string> RetryFields = ["launchAttempts", "launchBackoffSeconds", "launchBackoffRate", "launchMaxBackoffSeconds", "exitCodes", "exitCodeRetries", "exitCodeRetryDelaySeconds"];

    public static JobSpec? Read(JsonElement root, List<string> problems)
    {
        var before = problems.Count;
        RejectUnknown(root, TopLevelFields, "", problems);
        var name = RequiredString(root, "job", "", problems);
        if (name is not null && !Runs.RunId.IsValidJobName(name))
        {
            problems.Add($"job: '{name}' is not a valid job name; use 1-{Runs.RunId.MaxJobNameLength} characters of A-Z, a-z, 0-9, '-' and '_'");
        }

        TaskSpec? task = null;
        if (!root.TryGetProperty("task", out var taskElement))
        {
            problems.Add("task: missing; a job needs at least task.taskDefinition and task.container");
        }
        else if (taskElement.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"task: expected an object, got {ScheduleInput.Describe(taskElement)}");
        }
        else
        {
            task = ReadTask(taskElement, problems);
        }

        var retry = new RetryPolicy();
        if (root.TryGetProperty("retry", out var retryElement))
        {
            retry = ReadRetry(retryElement, problems);
        }

        var timeout = OptionalInt(root, "timeoutSeconds", "", 1, 31_536_000, JobDefaults.TimeoutSeconds, problems);
        var deadline = OptionalInt(root, "startingDeadlineSeconds", "", 1, 31_536_000, JobDefaults.StartingDeadlineSeconds, problems);
        var concurrency = ConcurrencyPolicy.Allow;
        if (root.TryGetProperty("concurrency", out var concurrencyElement))
        {
            var text = concurrencyElement.ValueKind == JsonValueKind.String ? concurrencyElement.GetString() : null;
            if (text == "Allow")
            {
                concurrency = ConcurrencyPolicy.Allow;
            }
            else if (text == "Forbid")
            {
                concurrency = ConcurrencyPolicy.Forbid;
            }
            else
            {
                problems.Add($"concurrency: expected \"Allow\" or \"Forbid\", got {ScheduleInput.Describe(concurrencyElement)}");
            }
        }

        if (problems.Count > before || name is null || task is null)
        {
            return null;
        }

        return new JobSpec
        {
            Name = name,
            Task = task,
            TimeoutSeconds = timeout,
            StartingDeadlineSeconds = deadline,
            Concurrency = concurrency,
            Retry = retry,
        };
    }

    private static TaskSpec? ReadTask(JsonElement task, List<string> problems)
    {
        var before = problems.Count;
        RejectUnknown(task, TaskFields, "task.", problems);
        var definition = RequiredString(task, "taskDefinition", "task.", problems);
        var container = RequiredString(task, "container", "task.", problems);
        var command = ImmutableArray<string>.Empty;
        if (task.TryGetProperty("command", out var commandElement))
        {
            if (commandElement.ValueKind != JsonValueKind.Array)
            {
                problems.Add($"task.command: expected an array of strings, got {ScheduleInput.Describe(commandElement)}");
            }
            else
            {
                var builder = ImmutableArray.CreateBuilder<string>();
                var index = 0;
                foreach (var item in commandElement.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String)
                    {
                        builder.Add(item.GetString()!);
                    }
                    else
                    {
                        problems.Add($"task.command[{index}]: expected a string, got {ScheduleInput.Describe(item)}");
                    }

                    index++;
                }

                command = builder.ToImmutable();
            }
        }

        var environment = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
        if (task.TryGetProperty("environment", out var environmentElement))
        {
            if (environmentElement.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"task.environment: expected an object of name: value strings, got {ScheduleInput.Describe(environmentElement)}");
            }
            else
            {
                foreach (var variable in environmentElement.EnumerateObject())
                {
                    if (variable.Value.ValueKind == JsonValueKind.String)
                    {
                        environment = environment.SetItem(variable.Name, variable.Value.GetString()!);
                    }
                    else
                    {
                        problems.Add($"task.environment.{variable.Name}: expected a string, got {ScheduleInput.Describe(variable.Value)}");
                    }
                }
            }
        }

        var cpu = OptionalUnits(task, "cpu", problems);
        var memory = OptionalUnits(task, "memory", problems);
        var logPrefix = task.TryGetProperty("logStreamPrefix", out var prefixElement) ? StringOrProblem(prefixElement, "task.logStreamPrefix", problems) : null;
        if (problems.Count > before || definition is null || container is null)
        {
            return null;
        }

        return new TaskSpec
        {
            TaskDefinition = definition,
            Container = container,
            Command = command,
            Environment = environment,
            Cpu = cpu,
            Memory = memory,
            LogStreamPrefix = logPrefix,
        };
    }

    private static RetryPolicy ReadRetry(JsonElement retry, List<string> problems)
    {
        if (retry.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"retry: expected an object, got {ScheduleInput.Describe(retry)}");
            return new RetryPolicy();
        }

        RejectUnknown(retry, RetryFields, "retry.", problems);
        var exitCodes = ImmutableArray<int>.Empty;
        if (retry.TryGetProperty("exitCodes", out var codes))
        {
            if (codes.ValueKind != JsonValueKind.Array)
            {
                problems.Add($"retry.exitCodes: expected an array of exit codes, got {ScheduleInput.Describe(codes)}");
            }
            else
            {
                var builder = ImmutableArray.CreateBuilder<int>();
                var index = 0;
                foreach (var code in codes.EnumerateArray())
                {
                    if (code.ValueKind == JsonValueKind.Number && code.TryGetInt32(out var value) && value is > 0 and <= 255)
                    {
                        builder.Add(value);
                    }
                    else
                    {
                        problems.Add($"retry.exitCodes[{index}]: expected an exit code from 1 to 255, got {ScheduleInput.Describe(code)}");
                    }

                    index++;
                }

                exitCodes = [.. builder.Distinct().Order()];
            }
        }

        var rate = JobDefaults.LaunchBackoffRate;
        if (retry.TryGetProperty("launchBackoffRate", out var rateElement))
        {
            if (rateElement.ValueKind == JsonValueKind.Number && rateElement.GetDouble() is >= 1.0 and <= 10.0)
            {
                rate = rateElement.GetDouble();
            }
            else
            {
                problems.Add($"retry.launchBackoffRate: expected a number from 1 to 10, got {ScheduleInput.Describe(rateElement)}");
            }
        }

        return new RetryPolicy
        {
            LaunchAttempts = OptionalInt(retry, "launchAttempts", "retry.", 1, 20, JobDefaults.LaunchAttempts, problems),
            LaunchBackoffSeconds = OptionalInt(retry, "launchBackoffSeconds", "retry.", 0, 3600, JobDefaults.LaunchBackoffSeconds, problems),
            LaunchBackoffRate = rate,
            LaunchMaxBackoffSeconds = OptionalInt(retry, "launchMaxBackoffSeconds", "retry.", 0, 86_400, JobDefaults.LaunchMaxBackoffSeconds, problems),
            ExitCodes = exitCodes,
            ExitCodeRetries = OptionalInt(retry, "exitCodeRetries", "retry.", 0, 20, JobDefaults.ExitCodeRetries, problems),
            ExitCodeRetryDelaySeconds = OptionalInt(retry, "exitCodeRetryDelaySeconds", "retry.", 0, 86_400, JobDefaults.ExitCodeRetryDelaySeconds, problems),
        };
    }

    private static void RejectUnknown(JsonElement element, ImmutableHashSet<string> known, string prefix, List<string> problems)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                problems.Add($"{prefix}{property.Name}: unknown field; expected one of {string.Join(", ", known.Order(StringComparer.Ordinal))}");
            }
        }
    }

    private static string? RequiredString(JsonElement element, string name, string prefix, List<string> problems)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            problems.Add($"{prefix}{name}: missing");
            return null;
        }

        var text = StringOrProblem(value, prefix + name, problems);
        if (text is { Length: 0 })
        {
            problems.Add($"{prefix}{name}: must not be empty");
            return null;
        }

        return text;
    }

    private static string? StringOrProblem(JsonElement value, string location, List<string> problems)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        problems.Add($"{location}: expected a string, got {ScheduleInput.Describe(value)}");
        return null;
    }

    private static string? OptionalUnits(JsonElement task, string name, List<string> problems)
    {
        if (!task.TryGetProperty(name, out var value))
        {
            return null;
        }

        // ECS takes CPU and memory overrides as strings of units; accept numbers for convenience.
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number > 0)
        {
            return number.ToString(CultureInfo.InvariantCulture);
        }

        if (value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0)
        {
            return parsed.ToString(CultureInfo.InvariantCulture);
        }

        problems.Add($"task.{name}: expected a positive whole number of units such as \"512\", got {ScheduleInput.Describe(value)}");
        return null;
    }

    private static int OptionalInt(JsonElement element, string name, string prefix, int min, int max, int fallback, List<string> problems)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return fallback;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max)
        {
            return number;
        }

        problems.Add($"{prefix}{name}: expected a whole number from {min} to {max}, got {ScheduleInput.Describe(value)}");
        return fallback;
    }
}
