using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.StepFunctions;

public sealed record GetExecutionHistoryRequest
{
    public required string ExecutionArn { get; init; }

    /// <summary>Page size; AWS defaults 0 to 100 and caps at 1000.</summary>
    public int? MaxResults { get; init; }

    public bool? ReverseOrder { get; init; }

    public string? NextToken { get; init; }

    /// <summary>False leaves event input/output out (AWS default: true).</summary>
    public bool? IncludeExecutionData { get; init; }
}

public sealed record GetExecutionHistoryResponse
{
    public ImmutableArray<HistoryEvent> Events { get; init; } = [];

    public string? NextToken { get; init; }
}

/// <summary>
/// One history event: the fields every event has are typed; the per-type details object
/// (e.g. "taskFailedEventDetails") is kept as raw JSON so event types we do not model, and fields AWS adds, survive.
/// </summary>
public sealed record HistoryEvent
{
    public required long Id { get; init; }

    public long? PreviousEventId { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The event type as AWS spells it, e.g. "TaskFailed", "ExecutionRedriven".</summary>
    public required string Type { get; init; }

    /// <summary>Every member besides id/previousEventId/timestamp/type, keyed by its wire name.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, JsonElement> Details => ExtensionData is null
        ? FrozenDictionary<string, JsonElement>.Empty
        : ExtensionData;

    /// <summary>The "*EventDetails" object of this event, when it has one.</summary>
    [JsonIgnore]
    public JsonElement? EventDetails
    {
        get
        {
            foreach (var (name, value) in Details)
            {
                if (name.EndsWith("EventDetails", StringComparison.Ordinal) && value.ValueKind == JsonValueKind.Object)
                {
                    return value;
                }
            }

            return null;
        }
    }

    // STJ fills extension data through a setter (not init) into a mutable dictionary; callers see it read-only through Details.
    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
