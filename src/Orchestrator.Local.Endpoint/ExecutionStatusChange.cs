using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Local.Endpoint;

/// <summary>
/// The detail of EventBridge's "Step Functions Execution Status Change" event (source aws.states): what AWS tells
/// listeners when an execution closes. Dates are epoch milliseconds, as in the EventBridge detail.
/// </summary>
public sealed record ExecutionStatusChange
{
    public const string DetailType = "Step Functions Execution Status Change";

    public const string Source = "aws.states";

    public required string ExecutionArn { get; init; }

    public required string StateMachineArn { get; init; }

    public required string Name { get; init; }

    public required string Status { get; init; }

    public required long StartDate { get; init; }

    public long? StopDate { get; init; }

    public string? Input { get; init; }

    public string? Output { get; init; }

    public string? Error { get; init; }

    public string? Cause { get; init; }

    public int RedriveCount { get; init; }

    public long? RedriveDate { get; init; }

    public required string RedriveStatus { get; init; }

    public string? RedriveStatusReason { get; init; }

    /// <summary>The whole EventBridge event (version, id, detail-type, source, account, time, region, resources, detail) as JSON text.</summary>
    public string ToEventJson(string account, string region, DateTimeOffset time)
    {
        var envelope = new StatusChangeEvent
        {
            Id = Guid.NewGuid().ToString(),
            Account = account,
            Region = region,
            Time = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            Resources = [ExecutionArn],
            Detail = this,
        };
        return JsonSerializer.Serialize(envelope, StatusChangeJsonContext.Default.StatusChangeEvent);
    }

    /// <summary>Just the detail object as JSON text.</summary>
    public string ToDetailJson() => JsonSerializer.Serialize(this, StatusChangeJsonContext.Default.ExecutionStatusChange);
}

/// <summary>The EventBridge envelope around <see cref="ExecutionStatusChange"/>.</summary>
internal sealed record StatusChangeEvent
{
    public string Version { get; init; } = "0";

    public required string Id { get; init; }

    [JsonPropertyName("detail-type")]
    public string DetailType { get; init; } = ExecutionStatusChange.DetailType;

    public string Source { get; init; } = ExecutionStatusChange.Source;

    public required string Account { get; init; }

    public required string Time { get; init; }

    public required string Region { get; init; }

    public required IReadOnlyList<string> Resources { get; init; }

    public required ExecutionStatusChange Detail { get; init; }
}

// EventBridge writes absent values as null in the detail (e.g. "output": null on FAILED), so nulls are kept.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(StatusChangeEvent))]
[JsonSerializable(typeof(ExecutionStatusChange))]
internal sealed partial class StatusChangeJsonContext : JsonSerializerContext;
