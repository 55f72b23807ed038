using System.Collections.Immutable;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Templates;

/// <summary>
/// template.yaml read the way CloudFormation and SAM would read it, resolved for local mode, with a typed view of what
/// Orchestrator needs (jobs, state machines, tables, task definitions, IAM statements, functions, rules). Loading never
/// throws for a bad template: every problem is collected with its location and returned by <see cref="Validate"/>.
/// </summary>
public sealed class SamTemplate
{
    private static readonly ImmutableHashSet<string> Sections =
    [
        "AWSTemplateFormatVersion", "Description", "Metadata", "Parameters", "Rules", "Mappings", "Conditions",
        "Transform", "Globals", "Resources", "Outputs",
    ];

    private readonly ImmutableArray<TemplateProblem> _problems;

    private SamTemplate(string path, TemplateLoadOptions options, ImmutableArray<TemplateProblem> problems, ImmutableArray<TemplateProblem> warnings)
    {
        Path = path;
        Options = options;
        _problems = problems;
        Warnings = warnings;
    }

    /// <summary>The template file (full path).</summary>
    public string Path { get; }

    public TemplateLoadOptions Options { get; }

    public string StackName { get; private init; } = "local";

    public ImmutableArray<TemplateParameter> Parameters { get; private init; } = [];

    public ImmutableArray<TemplateResource> Resources { get; private init; } = [];

    public ImmutableArray<TemplateJob> Jobs { get; private init; } = [];

    public ImmutableArray<TemplateStateMachine> StateMachines { get; private init; } = [];

    public ImmutableArray<TemplateTable> Tables { get; private init; } = [];

    public ImmutableArray<TemplateTaskDefinition> TaskDefinitions { get; private init; } = [];

    public ImmutableArray<TemplatePolicyStatement> PolicyStatements { get; private init; } = [];

    public ImmutableArray<TemplateFunction> Functions { get; private init; } = [];

    public ImmutableArray<TemplateEventRule> EventRules { get; private init; } = [];

    /// <summary>Outputs, resolved: name → value text.</summary>
    public ImmutableSortedDictionary<string, string> Outputs { get; private init; } = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Things local mode worked around (e.g. placeholder parameter values); not errors.</summary>
    public ImmutableArray<TemplateProblem> Warnings { get; }

    /// <summary>Every problem found while loading, in template order, each with its location.</summary>
    public IReadOnlyList<TemplateProblem> Validate() => _problems;

    public TemplateResource? Resource(string logicalId) =>
        Resources.FirstOrDefault(r => string.Equals(r.LogicalId, logicalId, StringComparison.Ordinal));

    public TemplateJob? Job(string name) =>
        Jobs.FirstOrDefault(j => j.Spec is not null && string.Equals(j.Spec.Name, name, StringComparison.Ordinal));

    /// <summary>Loads a template file with parameter overrides (Name=value) in local mode.</summary>
    public static SamTemplate Load(string path, IReadOnlyDictionary<string, string>? parameterOverrides = null) =>
        Load(path, new TemplateLoadOptions { ParameterOverrides = parameterOverrides?.ToImmutableDictionary(StringComparer.Ordinal) ?? ImmutableDictionary<string, string>.Empty });

    public static SamTemplate Load(string path, TemplateLoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        var fullPath = System.IO.Path.GetFullPath(path);
        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new SamTemplate(fullPath, options, [new TemplateProblem(fullPath, $"cannot read the template ({ex.Message})")], []);
        }

        return Parse(text, fullPath, options);
    }

    /// <summary>Reads template text; <paramref name="path"/> locates DefinitionUri files and samconfig.toml.</summary>
    public static SamTemplate Parse(string yaml, string path, TemplateLoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(options);
        var fullPath = System.IO.Path.GetFullPath(path);
        var fileName = System.IO.Path.GetFileName(fullPath);
        var problems = new List<TemplateProblem>();
        var warnings = new List<TemplateProblem>();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            var line = (int)ex.Start.Line;
            var column = (int)ex.Start.Column;
            var message = (ex.InnerException?.Message ?? ex.Message).Trim();
            if (message.StartsWith("Duplicate key", StringComparison.Ordinal))
            {
                message += "; each key may appear once in a map";
            }

            problems.Add(new TemplateProblem($"{fileName} line {line}, column {column}", $"YAML syntax: {message}", line, column));
            return new SamTemplate(fullPath, options, [.. problems], []);
        }
        catch (ArgumentException ex)
        {
            // The representation model rejects a mapping that repeats a key.
            problems.Add(new TemplateProblem(fileName, $"YAML: {ex.Message}; each key may appear once in a map"));
            return new SamTemplate(fullPath, options, [.. problems], []);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            problems.Add(new TemplateProblem(fileName, "the template must be a YAML map with at least Resources"));
            return new SamTemplate(fullPath, options, [.. problems], []);
        }

        foreach (var (key, node) in root.Children)
        {
            if (key is YamlScalarNode { Value: { } name } && !Sections.Contains(name))
            {
                problems.Add(new TemplateProblem(name, $"unknown top-level section; expected one of {string.Join(", ", Sections.Order(StringComparer.Ordinal))}", (int)node.Start.Line));
            }
        }

        var stackName = options.StackName ?? SamConfigStackName(fullPath) ?? "local";
        var declared = DeclareResources(root, problems);
        if (declared.Values.FirstOrDefault(r => r.Type.StartsWith("AWS::Serverless::", StringComparison.Ordinal)) is { } serverless
            && !HasSamTransform(TemplateResolver.Child(root, "Transform")))
        {
            problems.Add(new TemplateProblem("Transform", $"{serverless.LogicalId} is {serverless.Type}, which CloudFormation knows only through the SAM transform; add Transform: AWS::Serverless-2016-10-31", (int)serverless.Node.Start.Line));
        }

        var parameters = TemplateParameters.Read(TemplateResolver.Child(root, "Parameters") as YamlMappingNode, options, problems, warnings);
        var ids = new LocalPhysicalIds(options.Region, options.AccountId, options.Partition, options.UrlSuffix, stackName);
        var resolver = new TemplateResolver(
            parameters.ToImmutableDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal),
            TemplateResolver.Child(root, "Mappings") as YamlMappingNode,
            TemplateResolver.Child(root, "Conditions") as YamlMappingNode,
            declared,
            ids,
            problems);

        if (TemplateResolver.Child(root, "Conditions") is YamlMappingNode conditions)
        {
            foreach (var (key, node) in conditions.Children)
            {
                var name = (key as YamlScalarNode)?.Value ?? "";
                resolver.EvaluateCondition(name, $"Conditions.{name}", node);
            }
        }

        var globals = SamGlobals.Read(TemplateResolver.Child(root, "Globals") as YamlMappingNode, resolver, problems);
        var resources = ImmutableArray.CreateBuilder<TemplateResource>();
        foreach (var resource in declared.Values.Where(r => !r.IsImplicit))
        {
            var resolved = ResolveResource(resource, resolver, declared, problems);
            resources.Add(globals.TryGetValue(resource.Type, out var inherited) ? resolved with { Properties = SamGlobals.Merge(inherited, resolved.Properties) } : resolved);
        }

        var outputs = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (TemplateResolver.Child(root, "Outputs") is YamlMappingNode outputSection)
        {
            foreach (var (key, node) in outputSection.Children)
            {
                var name = (key as YamlScalarNode)?.Value ?? "";
                if (node is YamlMappingNode output && TemplateResolver.Child(output, "Condition") is YamlScalarNode { Value: { } condition }
                    && !resolver.EvaluateCondition(condition, $"Outputs.{name}.Condition", output))
                {
                    continue;
                }

                if (node is YamlMappingNode withValue && TemplateResolver.Child(withValue, "Value") is { } valueNode)
                {
                    outputs[name] = resolver.Resolve(valueNode, $"Outputs.{name}.Value").Text ?? "";
                }
                else
                {
                    problems.Add(new TemplateProblem($"Outputs.{name}", "an output needs a Value", (int)node.Start.Line));
                }
            }
        }

        var created = resources.Where(r => r.IsCreated).ToImmutableArray();
        var views = new ResourceViews(created, fullPath, ids, problems);
        var taskDefinitions = views.TaskDefinitions();
        var jobs = views.Jobs();
        views.CheckJobs(jobs, taskDefinitions);
        var stateMachines = views.StateMachines();

        // Problems are complete only once every view is built.
        return new SamTemplate(fullPath, options, [.. problems.OrderBy(p => p.Line ?? int.MaxValue)], [.. warnings])
        {
            StackName = stackName,
            Parameters = parameters,
            Resources = resources.ToImmutable(),
            Jobs = jobs,
            StateMachines = stateMachines,
            Tables = views.Tables(),
            TaskDefinitions = taskDefinitions,
            PolicyStatements = views.PolicyStatements(),
            Functions = views.Functions(),
            EventRules = views.EventRules(),
            Outputs = outputs.ToImmutable(),
        };
    }

    private static Dictionary<string, DeclaredResource> DeclareResources(YamlMappingNode root, List<TemplateProblem> problems)
    {
        var declared = new Dictionary<string, DeclaredResource>(StringComparer.Ordinal);
        if (TemplateResolver.Child(root, "Resources") is not YamlMappingNode section)
        {
            problems.Add(new TemplateProblem("Resources", "the template has no Resources section; declare at least one resource", (int)root.Start.Line));
            return declared;
        }

        foreach (var (key, node) in section.Children)
        {
            var logicalId = (key as YamlScalarNode)?.Value ?? "";
            var path = $"Resources.{logicalId}";
            if (node is not YamlMappingNode body)
            {
                problems.Add(new TemplateProblem(path, "a resource is a map with Type and Properties", (int)node.Start.Line));
                continue;
            }

            if ((TemplateResolver.Child(body, "Type") as YamlScalarNode)?.Value is not { Length: > 0 } type)
            {
                problems.Add(new TemplateProblem(path, "Type is missing, e.g. Type: AWS::DynamoDB::Table", (int)node.Start.Line));
                continue;
            }

            declared[logicalId] = new DeclaredResource(logicalId, type, body, (TemplateResolver.Child(body, "Condition") as YamlScalarNode)?.Value);
        }

        foreach (var generated in SamGlobals.ImplicitResources(declared.Values.ToList()))
        {
            declared.TryAdd(generated.LogicalId, generated);
        }

        return declared;
    }

    private static TemplateResource ResolveResource(DeclaredResource resource, TemplateResolver resolver, Dictionary<string, DeclaredResource> declared, List<TemplateProblem> problems)
    {
        var path = $"Resources.{resource.LogicalId}";
        var created = resolver.IsCreated(resource);
        var properties = new MapValue([]);

        // A resource that is not created is not resolved either: CloudFormation ignores its references.
        if (created && TemplateResolver.Child(resource.Node, "Properties") is { } propertiesNode)
        {
            properties = resolver.Resolve(propertiesNode, path + ".Properties") as MapValue ?? properties;
        }

        if (TemplateResolver.Child(resource.Node, "DependsOn") is { } dependsOn)
        {
            var names = dependsOn is YamlSequenceNode list ? list.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "") : [(dependsOn as YamlScalarNode)?.Value ?? ""];
            foreach (var name in names.Where(n => !declared.ContainsKey(n)))
            {
                problems.Add(new TemplateProblem(path + ".DependsOn", $"DependsOn {name}: no resource named {name} is declared", (int)dependsOn.Start.Line));
            }
        }

        return new TemplateResource
        {
            LogicalId = resource.LogicalId,
            Type = resource.Type,
            Condition = resource.Condition,
            IsCreated = created,
            DeletionPolicy = (TemplateResolver.Child(resource.Node, "DeletionPolicy") as YamlScalarNode)?.Value,
            UpdateReplacePolicy = (TemplateResolver.Child(resource.Node, "UpdateReplacePolicy") as YamlScalarNode)?.Value,
            PhysicalId = resolver.RefOf(resource),
            Properties = properties,
            Line = (int)resource.Node.Start.Line,
        };
    }

    private static bool HasSamTransform(YamlNode? transform) => transform switch
    {
        YamlScalarNode scalar => scalar.Value == "AWS::Serverless-2016-10-31",
        YamlSequenceNode list => list.Children.OfType<YamlScalarNode>().Any(t => t.Value == "AWS::Serverless-2016-10-31"),
        _ => false,
    };

    /// <summary>stack_name from samconfig.toml beside the template, as `sam deploy` would use it.</summary>
    private static string? SamConfigStackName(string templatePath)
    {
        var config = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(templatePath) ?? ".", "samconfig.toml");
        if (!File.Exists(config))
        {
            return null;
        }

        foreach (var line in File.ReadLines(config))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("stack_name", StringComparison.Ordinal) && trimmed.IndexOf('=', StringComparison.Ordinal) is var equals and > 0)
            {
                return trimmed[(equals + 1)..].Trim().Trim('"', '\'');
            }
        }

        return null;
    }
}
