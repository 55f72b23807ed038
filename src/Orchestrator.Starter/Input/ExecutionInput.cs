using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Scheduling.Jobs;

namespace Orchestrator.Starter.Input;

/// <summary>
/// The state machine's input for one run. Deterministic: built only from the job block and the slot, serialized with
/// a fixed property order and no whitespace, so a repeated StartExecution for the same slot sends the same bytes
/// (Step Functions only treats a same-name call as idempotent when the input is identical).
/// The state machine (statemachines/run-job.asl.json) reads these names: keep them in step.
/// </summary>
public sealed record ExecutionInput
{
    public required string Job { get; init; }

    public required string RunId { get; init; }

    public required string Trigger { get; init; }

    public required string ScheduledTime { get; init; }

    public required ExecutionTask Task { get; init; }

    public required int TimeoutSeconds { get; init; }

    public required ExecutionRetry Retry { get; init; }

    /// <summary>Loop state the state machine carries between attempts; starts at zero.</summary>
    public required ExecutionCounters Counters { get; init; }

    /// <summary>DynamoDB TTL for the run record (epoch seconds).</summary>
    public required long ExpiresAt { get; init; }

    public static ExecutionInput For(JobSpec job, string runId, DateTimeOffset scheduledTime, int retentionDays)
    {
        var task = job.Task;
        var container = new ContainerOverride
        {
            Name = task.Container,
            Command = task.Command.IsEmpty ? null : task.Command,
            Environment = task.Environment.IsEmpty ? null : [.. task.Environment.Select(pair => new EnvironmentVariable { Name = pair.Key, Value = pair.Value })],
        };
        var delays = job.Retry.LaunchDelays();
        return new ExecutionInput
        {
            Job = job.Name,
            RunId = runId,
            Trigger = "schedule",
            ScheduledTime = scheduledTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            Task = new ExecutionTask
            {
                TaskDefinition = task.TaskDefinition,
                Container = task.Container,
                Overrides = new TaskOverrides { ContainerOverrides = [container], Cpu = task.Cpu, Memory = task.Memory },
                LogStreamPrefix = (task.LogStreamPrefix ?? job.Name) + "/" + task.Container,
            },
            TimeoutSeconds = job.TimeoutSeconds,
            Retry = new ExecutionRetry
            {
                LaunchDelaysSeconds = delays,
                LaunchRetries = delays.Length,
                ExitCodes = job.Retry.ExitCodes,
                ExitCodeRetries = job.Retry.ExitCodes.IsEmpty ? 0 : job.Retry.ExitCodeRetries,
                ExitCodeRetryDelaySeconds = job.Retry.ExitCodeRetryDelaySeconds,
            },
            Counters = new ExecutionCounters(),
            ExpiresAt = scheduledTime.AddDays(retentionDays).ToUnixTimeSeconds(),
        };
    }

    public string ToJson() => JsonSerializer.Serialize(this, ExecutionInputJson.Default.ExecutionInput);
}

public sealed record ExecutionTask
{
    public required string TaskDefinition { get; init; }

    public required string Container { get; init; }

    /// <summary>Passed to RunTask as is (PascalCase, the ECS API shape).</summary>
    public required TaskOverrides Overrides { get; init; }

    /// <summary>awslogs prefix/container: an attempt's log stream is this plus "/" and the task id.</summary>
    public required string LogStreamPrefix { get; init; }
}

public sealed record TaskOverrides
{
    [JsonPropertyName("ContainerOverrides")]
    public required ImmutableArray<ContainerOverride> ContainerOverrides { get; init; }

    [JsonPropertyName("Cpu")]
    public string? Cpu { get; init; }

    [JsonPropertyName("Memory")]
    public string? Memory { get; init; }
}

public sealed record ContainerOverride
{
    [JsonPropertyName("Name")]
    public required string Name { get; init; }

    [JsonPropertyName("Command")]
    public ImmutableArray<string>? Command { get; init; }

    [JsonPropertyName("Environment")]
    public ImmutableArray<EnvironmentVariable>? Environment { get; init; }
}

public sealed record EnvironmentVariable
{
    [JsonPropertyName("Name")]
    public required string Name { get; init; }

    [JsonPropertyName("Value")]
    public required string Value { get; init; }
}

public sealed record ExecutionRetry
{
    /// <summary>Wait before launch retry n (index n-1); its length is the launch-retry budget.</summary>
    public required ImmutableArray<int> LaunchDelaysSeconds { get; init; }

    public required int LaunchRetries { get; init; }

    public required ImmutableArray<int> ExitCodes { get; init; }

    public required int ExitCodeRetries { get; init; }

    public required int ExitCodeRetryDelaySeconds { get; init; }
}

public sealed record ExecutionCounters
{
    public int LaunchFailures { get; init; }

    public int ExitCodeRetries { get; init; }

    public int RedriveCount { get; init; }

    public int DelaySeconds { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ExecutionInput))]
internal sealed partial class ExecutionInputJson : JsonSerializerContext;
