using System.Text.Json.Serialization;

namespace Orchestrator.States.History;

/// <summary>Source-generated (AOT-safe) JSON for history events in AWS's camelCase shape; absent details are omitted.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HistoryEvent))]
[JsonSerializable(typeof(IReadOnlyList<HistoryEvent>))]
[JsonSerializable(typeof(List<HistoryEvent>))]
[JsonSerializable(typeof(HistoryPage))]
public sealed partial class HistoryJsonContext : JsonSerializerContext;

/// <summary>The GetExecutionHistory response body: {"events":[...],"nextToken":...}.</summary>
public sealed record HistoryPage(IReadOnlyList<HistoryEvent> Events, string? NextToken = null);
