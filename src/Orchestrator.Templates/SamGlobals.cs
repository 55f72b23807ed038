using System.Collections.Immutable;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Templates;

/// <summary>
/// What the SAM transform adds before CloudFormation sees the template: Globals inherited by serverless resources, and
/// the resources SAM generates that templates may reference (a function's or state machine's <c>{Id}Role</c>, a
/// ScheduleV2 event's <c>{FunctionId}{EventName}</c> schedule and its role).
/// </summary>
internal static class SamGlobals
{
    private static readonly ImmutableDictionary<string, string> Sections = new Dictionary<string, string>
    {
        ["Function"] = "AWS::Serverless::Function",
        ["StateMachine"] = "AWS::Serverless::StateMachine",
        ["Api"] = "AWS::Serverless::Api",
        ["HttpApi"] = "AWS::Serverless::HttpApi",
        ["SimpleTable"] = "AWS::Serverless::SimpleTable",
    }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>Globals by the resource type they apply to, resolved.</summary>
    public static Dictionary<string, MapValue> Read(YamlMappingNode? globals, TemplateResolver resolver, List<TemplateProblem> problems)
    {
        var result = new Dictionary<string, MapValue>(StringComparer.Ordinal);
        foreach (var (key, node) in globals?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>())
        {
            var section = (key as YamlScalarNode)?.Value ?? "";
            if (!Sections.TryGetValue(section, out var type))
            {
                problems.Add(new TemplateProblem($"Globals.{section}", $"unknown Globals section; use one of {string.Join(", ", Sections.Keys.Order(StringComparer.Ordinal))}", (int)node.Start.Line));
                continue;
            }

            if (resolver.Resolve(node, $"Globals.{section}") is MapValue values)
            {
                result[type] = values;
            }
        }

        return result;
    }

    /// <summary>
    /// SAM's rule: a resource's own value wins for plain values, maps are merged key by key, and lists are additive
    /// (the global entries, then the resource's).
    /// </summary>
    public static MapValue Merge(MapValue global, MapValue local)
    {
        var entries = ImmutableArray.CreateBuilder<KeyValuePair<string, TemplateValue>>();
        foreach (var (key, value) in local.Entries)
        {
            var inherited = global[key];
            entries.Add(new(key, (inherited, value) switch
            {
                (MapValue g, MapValue l) => Merge(g, l),
                (ListValue g, ListValue l) => new ListValue(g.Values.AddRange(l.Values)),
                _ => value,
            }));
        }

        foreach (var (key, value) in global.Entries)
        {
            if (local[key] is null)
            {
                entries.Add(new(key, value));
            }
        }

        return new MapValue(entries.ToImmutable());
    }

    /// <summary>Resources SAM generates, declared so Ref and Fn::GetAtt on them resolve as after the transform.</summary>
    public static IEnumerable<DeclaredResource> ImplicitResources(IReadOnlyList<DeclaredResource> declared)
    {
        foreach (var resource in declared)
        {
            var properties = TemplateResolver.Child(resource.Node, "Properties") as YamlMappingNode;
            var isFunction = resource.Type == "AWS::Serverless::Function";
            if (!isFunction && resource.Type != "AWS::Serverless::StateMachine")
            {
                continue;
            }

            if (properties is null || TemplateResolver.Child(properties, "Role") is null)
            {
                yield return Generated(resource.LogicalId + "Role", "AWS::IAM::Role", resource.Condition, null);
            }

            if (properties is null || TemplateResolver.Child(properties, "Events") is not YamlMappingNode events)
            {
                continue;
            }

            foreach (var (key, node) in events.Children)
            {
                if (node is not YamlMappingNode source || (TemplateResolver.Child(source, "Type") as YamlScalarNode)?.Value != "ScheduleV2")
                {
                    continue;
                }

                var id = resource.LogicalId + (key as YamlScalarNode)?.Value;
                var eventProperties = TemplateResolver.Child(source, "Properties") as YamlMappingNode;

                // SAM: "scheduler_schedule.Name = self.Name or self.logical_id".
                var name = (eventProperties is null ? null : TemplateResolver.Child(eventProperties, "Name")) ?? new YamlScalarNode(id);
                yield return Generated(id, "AWS::Scheduler::Schedule", resource.Condition, name);
                if (eventProperties is null || TemplateResolver.Child(eventProperties, "RoleArn") is null)
                {
                    yield return Generated(id + "Role", "AWS::IAM::Role", resource.Condition, null);
                }
            }
        }
    }

    private static DeclaredResource Generated(string logicalId, string type, string? condition, YamlNode? name)
    {
        var node = new YamlMappingNode { { "Type", type } };
        if (name is not null)
        {
            node.Add("Properties", new YamlMappingNode { { "Name", name } });
        }

        return new DeclaredResource(logicalId, type, node, condition, IsImplicit: true);
    }
}
