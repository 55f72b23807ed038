using System.Text.Json.Serialization;
using Orchestrator.States.History;

namespace Orchestrator.Local.Endpoint.Protocol;

// Request and response bodies of the Step Functions JSON 1.0 protocol, member names as in botocore's
// stepfunctions/2016-11-23/service-2.json. Request members are nullable: "required" is checked after parsing so a
// missing member answers ValidationException as AWS does, not SerializationException.

public sealed record CreateStateMachineRequest
{
    public string? Name { get; init; }

    public string? Definition { get; init; }

    public string? RoleArn { get; init; }

    public string? Type { get; init; }
}

public sealed record CreateStateMachineResponse
{
    public required string StateMachineArn { get; init; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public required DateTimeOffset CreationDate { get; init; }
}

public sealed record StateMachineArnRequest
{
    public string? StateMachineArn { get; init; }

    public string? IncludedData { get; init; }
}

public sealed record DescribeStateMachineResponse
{
    public required string StateMachineArn { get; init; }

    public required string Name { get; init; }

    public required string Status { get; init; }

    public required string Definition { get; init; }

    public required string RoleArn { get; init; }

    public required string Type { get; init; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public required DateTimeOffset CreationDate { get; init; }
}

public sealed record PageRequest
{
    public int? MaxResults { get; init; }

    public string? NextToken { get; init; }
}

public sealed record StateMachineListItem
{
    public required string StateMachineArn { get; init; }

    public required string Name { get; init; }

    public required string Type { get; init; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public required DateTimeOffset CreationDate { get; init; }
}

public sealed record ListStateMachinesResponse
{
    public required IReadOnlyList<StateMachineListItem> StateMachines { get; init; }

    public string? NextToken { get; init; }
}

public sealed record EmptyResponse;

public sealed record StartExecutionRequest
{
    public string? StateMachineArn { get; init; }

    public string? Name { get; init; }

    public string? Input { get; init; }

    public string? TraceHeader { get; init; }
}

public sealed record StartExecutionResponse
{
    public required string ExecutionArn { get; init; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public required DateTimeOffset StartDate { get; init; }
}

public sealed record ExecutionArnRequest
{
    public string? ExecutionArn { get; init; }

    public string? IncludedData { get; init; }
}

/// <summary>Whether a payload was cut; always complete locally.</summary>
public sealed record DataDetails
{
    public bool Included { get; init; } = true;
}

public sealed record DescribeExecutionResponse
{
    public required string ExecutionArn { get; init; }

    public required string StateMachineArn { get; init; }

    public required string Name { get; init; }

    public required string Status { get; init; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public required DateTimeOffset StartDate { get; init; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTimeOffset? StopDate { get; init; }

    public string? Input { get; init; }

    public DataDetails? InputDetails { get; init; }

    public string? Output { get; init; }

    public DataDetails? OutputDetails { get; init; }

    public string? TraceHeader { get; init; }

    public string? Error { get; init; }

    public string? Cause { get; init; }

    public int RedriveCount { get; init; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTimeOffset? RedriveDate { get; init; }

    public required string RedriveStatus { get; init; }

    public string? RedriveStatusReason { get; init; }
}

public sealed record ListExecutionsRequest
{
    public string? StateMachineArn { get; init; }

    public string? StatusFilter { get; init; }

    public int? MaxResults { get; init; }

    public string? NextToken { get; init; }

    public string? MapRunArn { get; init; }

    public string? RedriveFilter { get; init; }
}

public sealed record ExecutionListItem
{
    public required string ExecutionArn { get; init; }

    public required string StateMachineArn { get; init; }

    public required string Name { get; init; }

    public required string Status { get; init; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public required DateTimeOffset StartDate { get; init; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTimeOffset? StopDate { get; init; }

    public int RedriveCount { get; init; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTimeOffset? RedriveDate { get; init; }
}

public sealed record ListExecutionsResponse
{
    public required IReadOnlyList<ExecutionListItem> Executions { get; init; }

    public string? NextToken { get; init; }
}

public sealed record GetExecutionHistoryRequest
{
    public string? ExecutionArn { get; init; }

    public int? MaxResults { get; init; }

    public bool? ReverseOrder { get; init; }

    public string? NextToken { get; init; }

    public bool? IncludeExecutionData { get; init; }
}

public sealed record StopExecutionRequest
{
    public string? ExecutionArn { get; init; }

    public string? Error { get; init; }

    public string? Cause { get; init; }
}

public sealed record StopExecutionResponse
{
    [JsonConverter(typeof(EpochSecondsConverter))]
    public required DateTimeOffset StopDate { get; init; }
}

public sealed record RedriveExecutionRequest
{
    public string? ExecutionArn { get; init; }

    public string? ClientToken { get; init; }
}

public sealed record RedriveExecutionResponse
{
    [JsonConverter(typeof(EpochSecondsConverter))]
    public required DateTimeOffset RedriveDate { get; init; }
}

/// <summary>The JSON 1.0 error body botocore and the AWS SDKs parse: {"__type":"com.amazonaws.states#Code","message":"..."}.</summary>
public sealed record ErrorBody
{
    [JsonPropertyName("__type")]
    public required string Type { get; init; }

    [JsonPropertyName("message")]
    public required string Message { get; init; }
}

/// <summary>Source-generated JSON for every wire shape: camelCase members, absent values omitted, strict numbers.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(CreateStateMachineRequest))]
[JsonSerializable(typeof(CreateStateMachineResponse))]
[JsonSerializable(typeof(StateMachineArnRequest))]
[JsonSerializable(typeof(DescribeStateMachineResponse))]
[JsonSerializable(typeof(PageRequest))]
[JsonSerializable(typeof(ListStateMachinesResponse))]
[JsonSerializable(typeof(EmptyResponse))]
[JsonSerializable(typeof(StartExecutionRequest))]
[JsonSerializable(typeof(StartExecutionResponse))]
[JsonSerializable(typeof(ExecutionArnRequest))]
[JsonSerializable(typeof(DescribeExecutionResponse))]
[JsonSerializable(typeof(ListExecutionsRequest))]
[JsonSerializable(typeof(ListExecutionsResponse))]
[JsonSerializable(typeof(GetExecutionHistoryRequest))]
[JsonSerializable(typeof(StopExecutionRequest))]
[JsonSerializable(typeof(StopExecutionResponse))]
[JsonSerializable(typeof(RedriveExecutionRequest))]
[JsonSerializable(typeof(RedriveExecutionResponse))]
[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class WireJsonContext : JsonSerializerContext;
