using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Orchestrator.States.Integrations;
using Orchestrator.Templates;

namespace Orchestrator.Local.Tasks;

/// <summary>What one task runs: the essential container's argv and environment after overrides, and where its output goes.</summary>
public sealed record ContainerLaunch
{
    public required string Container { get; init; }

    public required string Image { get; init; }

    /// <summary>EntryPoint followed by Command, as Docker joins them; executed directly, never re-parsed by a shell.</summary>
    public required ImmutableArray<string> Argv { get; init; }

    public required ImmutableSortedDictionary<string, string> Environment { get; init; }

    public required string LogPath { get; init; }

    /// <summary>The awslogs stream name this log file mirrors: prefix/container/task-id.</summary>
    public required string LogStream { get; init; }

    public required string WorkingDirectory { get; init; }
}

/// <summary>One entry of Overrides.ContainerOverrides in a RunTask request.</summary>
public sealed record ContainerOverride(string Name, ImmutableArray<string>? Command, ImmutableArray<KeyValuePair<string, string>> Environment);

/// <summary>Builds the launch of a task from its definition and the request's overrides, as ECS applies them.</summary>
public static class ContainerLaunchPlanner
{
    /// <summary>Reads Overrides.ContainerOverrides; an override naming no container of the definition is ECS's InvalidParameterException.</summary>
    public static EcsApiError? ReadOverrides(JsonObject request, TemplateTaskDefinition definition, out ImmutableArray<ContainerOverride> overrides)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(definition);
        var list = ImmutableArray.CreateBuilder<ContainerOverride>();
        overrides = [];
        foreach (var node in request["Overrides"]?["ContainerOverrides"] as JsonArray ?? [])
        {
            if (node is not JsonObject entry || entry["Name"] is not JsonValue nameValue || !nameValue.TryGetValue<string>(out var name))
            {
                return new EcsApiError("InvalidParameterException", "Container override must name a container.");
            }

            if (definition.Container(name) is null)
            {
                return new EcsApiError("InvalidParameterException", $"Override for container named {name} is not a container in the TaskDefinition.");
            }

            ImmutableArray<string>? command = entry["Command"] is JsonArray commandArray
                ? [.. commandArray.Select(c => c?.GetValue<string>() ?? "")]
                : null;
            var environment = (entry["Environment"] as JsonArray ?? [])
                .OfType<JsonObject>()
                .Where(e => e["Name"] is JsonValue)
                .Select(e => KeyValuePair.Create(e["Name"]!.GetValue<string>(), e["Value"]?.GetValue<string>() ?? ""))
                .ToImmutableArray();
            list.Add(new ContainerOverride(name, command, environment));
        }

        overrides = list.ToImmutable();
        return null;
    }

    /// <summary>The container local mode runs: the first essential one (ECS's default for Essential is true).</summary>
    public static TemplateContainer? EssentialContainer(TemplateTaskDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.Containers.FirstOrDefault(c => c.Essential) ?? definition.Containers.FirstOrDefault();
    }

    /// <summary>Command replaces the definition's; Environment merges by name with the override winning.</summary>
    public static ContainerLaunch Plan(TemplateTaskDefinition definition, TemplateContainer container, ImmutableArray<ContainerOverride> overrides, TaskIdentity identity, LocalEcsOptions options)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(options);
        var mine = overrides.Where(o => string.Equals(o.Name, container.Name, StringComparison.Ordinal)).ToList();
        var command = mine.LastOrDefault(o => o.Command is not null)?.Command ?? container.Command;
        var environment = container.Environment.ToBuilder();
        foreach (var pair in mine.SelectMany(o => o.Environment))
        {
            environment[pair.Key] = pair.Value;
        }

        // Fargate sets these in every container; code that picks its region from them works unchanged.
        environment.TryAdd("AWS_REGION", identity.Region);
        environment.TryAdd("AWS_DEFAULT_REGION", identity.Region);
        environment.TryAdd("AWS_EXECUTION_ENV", "AWS_ECS_FARGATE");

        var prefix = container.LogStreamPrefix ?? definition.Family;
        var stream = prefix + "/" + container.Name + "/" + identity.TaskId;
        return new ContainerLaunch
        {
            Container = container.Name,
            Image = container.Image ?? "",
            Argv = [.. container.EntryPoint, .. command],
            Environment = environment.ToImmutable(),
            LogStream = stream,
            LogPath = LogFilePath(options.LogsDirectory, stream),
            WorkingDirectory = options.WorkingDirectory ?? Directory.GetCurrentDirectory(),
        };
    }

    /// <summary>&lt;logs&gt;/&lt;stream&gt;.log with each stream segment made a safe file name (no "..", no separators).</summary>
    public static string LogFilePath(string logsDirectory, string stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var invalid = Path.GetInvalidFileNameChars();
        var segments = stream.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => new string([.. s.Select(c => Array.IndexOf(invalid, c) >= 0 ? '_' : c)]))
            .Select(s => s is "." or ".." ? "_" : s)
            .ToArray();
        segments[^1] += ".log";
        return Path.Combine([Path.GetFullPath(logsDirectory), .. segments]);
    }
}
