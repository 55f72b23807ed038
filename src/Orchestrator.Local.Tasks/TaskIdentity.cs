using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Orchestrator.Templates;

namespace Orchestrator.Local.Tasks;

/// <summary>Everything fixed about a task when RunTask accepts it: its ARNs, definition, and the request fields ECS echoes.</summary>
public sealed record TaskIdentity
{
    public required string Region { get; init; }

    public required string AccountId { get; init; }

    public required string ClusterArn { get; init; }

    /// <summary>32 lower-case hex digits, as Fargate task ids are.</summary>
    public required string TaskId { get; init; }

    public required string TaskArn { get; init; }

    public required TemplateTaskDefinition Definition { get; init; }

    public required string Cpu { get; init; }

    public required string Memory { get; init; }

    public required string Group { get; init; }

    public string? StartedBy { get; init; }

    /// <summary>The request's Overrides in the shape DescribeTasks returns them (absent lists as []).</summary>
    public required JsonObject Overrides { get; init; }

    public required JsonArray Tags { get; init; }

    public string? SubnetId { get; init; }

    /// <summary>Container name → its ContainerArn; the launched container first.</summary>
    public required ImmutableArray<KeyValuePair<string, string>> ContainerArns { get; init; }

    public required string AttachmentId { get; init; }

    public required string NetworkInterfaceId { get; init; }

    public required string PrivateIpv4Address { get; init; }

    public required string MacAddress { get; init; }
}
