using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Templates;

/// <summary>A resource as declared, before its properties are resolved.</summary>
internal sealed record DeclaredResource(string LogicalId, string Type, YamlMappingNode Node, string? Condition, bool IsImplicit = false);

/// <summary>
/// Resolves CloudFormation intrinsic functions, short (<c>!Sub</c>) and long (<c>Fn::Sub:</c>) forms, the way
/// CloudFormation would at deploy time, with local values for parameters, pseudo parameters and physical ids. Every
/// problem is recorded with its location and resolution goes on, so one pass reports them all.
/// </summary>
internal sealed class TemplateResolver
{
    private readonly ImmutableDictionary<string, TemplateValue> _parameters;
    private readonly YamlMappingNode? _mappings;
    private readonly YamlMappingNode? _conditions;
    private readonly IReadOnlyDictionary<string, DeclaredResource> _resources;
    private readonly LocalPhysicalIds _ids;
    private readonly Dictionary<string, bool> _conditionValues = new(StringComparer.Ordinal);
    private readonly HashSet<string> _evaluating = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string> _naming = new(StringComparer.Ordinal);
    private List<TemplateProblem> _problems;

    public TemplateResolver(
        ImmutableDictionary<string, TemplateValue> parameters,
        YamlMappingNode? mappings,
        YamlMappingNode? conditions,
        IReadOnlyDictionary<string, DeclaredResource> resources,
        LocalPhysicalIds ids,
        List<TemplateProblem> problems)
    {
        _parameters = parameters;
        _mappings = mappings;
        _conditions = conditions;
        _resources = resources;
        _ids = ids;
        _problems = problems;
    }

    public LocalPhysicalIds Ids => _ids;

    /// <summary>Whether a resource exists in this deployment: no Condition, or its Condition is true.</summary>
    public bool IsCreated(DeclaredResource resource) =>
        resource.Condition is null || EvaluateCondition(resource.Condition, $"Resources.{resource.LogicalId}.Condition", resource.Node);

    /// <summary>The resource's physical name: its name property when set, else {stack}-{LogicalId}.</summary>
    public string NameOf(DeclaredResource resource)
    {
        if (_names.TryGetValue(resource.LogicalId, out var known))
        {
            return known;
        }

        var name = _ids.DefaultName(resource.LogicalId);
        if (LocalPhysicalIds.NameProperty(resource.Type) is { } property
            && Child(resource.Node, "Properties") is YamlMappingNode properties
            && Child(properties, property) is { } nameNode
            && _naming.Add(resource.LogicalId))
        {
            // Problems in the name are reported when the properties themselves are resolved, not twice.
            var reported = _problems;
            _problems = [];
            var value = Resolve(nameNode, "");
            _problems = reported;
            _naming.Remove(resource.LogicalId);
            if (value is TextValue { Value.Length: > 0 } text)
            {
                name = text.Value;
            }
        }

        _names[resource.LogicalId] = name;
        return name;
    }

    public string RefOf(DeclaredResource resource) => _ids.Ref(resource.Type, resource.LogicalId, NameOf(resource));

    /// <summary>Resolves a node; <paramref name="path"/> is its dotted location for problems.</summary>
    public TemplateValue Resolve(YamlNode node, string path)
    {
        if (ShortFormFunction(node) is { } tagged)
        {
            return Function(tagged, node, path, shortForm: true);
        }

        switch (node)
        {
            case YamlScalarNode scalar:
                return new TextValue(scalar.Value ?? "");
            case YamlSequenceNode sequence:
            {
                var items = ImmutableArray.CreateBuilder<TemplateValue>();
                var index = 0;
                foreach (var child in sequence.Children)
                {
                    var value = Resolve(child, $"{path}[{index++}]");
                    if (value is not NoValue)
                    {
                        items.Add(value);
                    }
                }

                return new ListValue(items.ToImmutable());
            }

            case YamlMappingNode mapping:
            {
                if (mapping.Children.Count == 1 && mapping.Children.First().Key is YamlScalarNode { Value: { } key }
                    && (key == "Ref" || key.StartsWith("Fn::", StringComparison.Ordinal)))
                {
                    return Function(key, mapping.Children.First().Value, Join(path, key), shortForm: false);
                }

                var entries = ImmutableArray.CreateBuilder<KeyValuePair<string, TemplateValue>>();
                foreach (var (keyNode, valueNode) in mapping.Children)
                {
                    var name = (keyNode as YamlScalarNode)?.Value ?? "";
                    var value = Resolve(valueNode, Join(path, name));
                    if (value is not NoValue)
                    {
                        entries.Add(new(name, value));
                    }
                }

                return new MapValue(entries.ToImmutable());
            }

            default:
                return new TextValue("");
        }
    }

    /// <summary>Evaluates a declared condition by name (memoized; cycles are problems).</summary>
    public bool EvaluateCondition(string name, string path, YamlNode at)
    {
        if (_conditionValues.TryGetValue(name, out var known))
        {
            return known;
        }

        if (_conditions is null || Child(_conditions, name) is not { } body)
        {
            Problem(path, at, $"condition '{name}' is not declared in Conditions");
            return false;
        }

        if (!_evaluating.Add(name))
        {
            Problem($"Conditions.{name}", body, $"condition '{name}' refers to itself through other conditions");
            return false;
        }

        var value = EvaluateConditionBody(body, $"Conditions.{name}");
        _evaluating.Remove(name);
        _conditionValues[name] = value;
        return value;
    }

    private bool EvaluateConditionBody(YamlNode node, string path)
    {
        string? function = ShortFormFunction(node);
        YamlNode argument = node;
        if (function is null && node is YamlMappingNode { Children.Count: 1 } mapping && mapping.Children.First().Key is YamlScalarNode { Value: { } key })
        {
            function = key;
            argument = mapping.Children.First().Value;
            path = Join(path, key);
        }

        switch (function)
        {
            case "Fn::Equals":
            {
                var args = Arguments(argument, path, function, 2, 2);
                if (args is null)
                {
                    return false;
                }

                var left = Resolve(args[0], path + "[0]");
                var right = Resolve(args[1], path + "[1]");
                return string.Equals(Canonical(left), Canonical(right), StringComparison.Ordinal);
            }

            case "Fn::Not":
            {
                var args = Arguments(argument, path, function, 1, 1);
                return args is not null && !EvaluateConditionBody(args[0], path + "[0]");
            }

            case "Fn::And" or "Fn::Or":
            {
                var args = Arguments(argument, path, function, 2, 10);
                if (args is null)
                {
                    return false;
                }

                var results = args.Select((a, i) => EvaluateConditionBody(a, $"{path}[{i}]")).ToList();
                return function == "Fn::And" ? results.TrueForAll(r => r) : results.Exists(r => r);
            }

            case "Condition":
                return argument is YamlScalarNode { Value: { } name }
                    ? EvaluateCondition(name, path, argument)
                    : Fail(path, argument, "Condition takes the name of a declared condition");
            default:
                return Fail(path, node, "a condition must be Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition");
        }
    }

    private TemplateValue Function(string function, YamlNode argument, string path, bool shortForm)
    {
        switch (function)
        {
            case "Ref":
                return argument is YamlScalarNode { Value: { } target }
                    ? Ref(target, path, argument)
                    : Unresolved(path, argument, "Ref takes the literal name of a parameter, resource or pseudo parameter", "{Ref}");
            case "Fn::GetAtt":
                return GetAtt(argument, path);
            case "Fn::Sub":
                return Sub(argument, path);
            case "Fn::Join":
            {
                var args = Arguments(argument, path, function, 2, 2);
                if (args is null)
                {
                    return new TextValue("");
                }

                var delimiter = Resolve(args[0], path + "[0]").Text ?? "";
                var list = Resolve(args[1], path + "[1]");
                if (list is not ListValue items)
                {
                    return Unresolved(path, argument, $"Fn::Join needs a list to join, got {Kind(list)}", "{Fn::Join}");
                }

                var parts = new List<string>();
                foreach (var item in items.Values)
                {
                    if (item.Text is { } text)
                    {
                        parts.Add(text);
                    }
                    else
                    {
                        Problem(path, argument, $"Fn::Join can join only strings, got {Kind(item)}");
                    }
                }

                return new TextValue(string.Join(delimiter, parts));
            }

            case "Fn::Split":
            {
                var args = Arguments(argument, path, function, 2, 2);
                if (args is null)
                {
                    return new ListValue([]);
                }

                var delimiter = Resolve(args[0], path + "[0]").Text ?? "";
                var source = Resolve(args[1], path + "[1]").Text ?? "";
                if (delimiter.Length == 0)
                {
                    Problem(path, argument, "Fn::Split needs a non-empty delimiter");
                    return new ListValue([new TextValue(source)]);
                }

                return new ListValue([.. source.Split(delimiter).Select(s => (TemplateValue)new TextValue(s))]);
            }

            case "Fn::Select":
            {
                var args = Arguments(argument, path, function, 2, 2);
                if (args is null)
                {
                    return new TextValue("");
                }

                var indexText = Resolve(args[0], path + "[0]").Text;
                var list = Resolve(args[1], path + "[1]");
                if (!int.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    return Unresolved(path, argument, $"Fn::Select index '{indexText}' is not a whole number", "{Fn::Select}");
                }

                if (list is not ListValue items || index >= items.Values.Length)
                {
                    return Unresolved(path, argument, $"Fn::Select index {index} is outside the list ({(list is ListValue l ? l.Values.Length : 0)} items)", "{Fn::Select}");
                }

                return items.Values[index];
            }

            case "Fn::If":
            {
                var args = Arguments(argument, path, function, 3, 3);
                if (args is null)
                {
                    return NoValue.Instance;
                }

                if (args[0] is not YamlScalarNode { Value: { } condition })
                {
                    return Unresolved(path, argument, "Fn::If takes the name of a declared condition first", "{Fn::If}");
                }

                return EvaluateCondition(condition, path + "[0]", args[0])
                    ? Resolve(args[1], path + "[1]")
                    : Resolve(args[2], path + "[2]");
            }

            case "Fn::Equals" or "Fn::Not" or "Fn::And" or "Fn::Or" or "Condition":
            {
                var wrapper = new YamlMappingNode { { function, argument } };
                return new TextValue(EvaluateConditionBody(wrapper, path) ? "true" : "false");
            }

            case "Fn::FindInMap":
                return FindInMap(argument, path);
            case "Fn::Base64":
                return new TextValue(Convert.ToBase64String(Encoding.UTF8.GetBytes(Argument(argument, path, shortForm).Text ?? "")));
            case "Fn::GetAZs":
            {
                var region = Argument(argument, path, shortForm).Text is { Length: > 0 } given ? given : _ids.Region;
                return new ListValue([new TextValue(region + "a"), new TextValue(region + "b"), new TextValue(region + "c")]);
            }

            case "Fn::ImportValue":
                return Unresolved(path, argument,
                    "Fn::ImportValue reads another stack's export, which cannot be resolved offline; pass the value as a parameter instead",
                    $"{{Fn::ImportValue: {Argument(argument, path, shortForm)}}}");
            default:
                return Unresolved(path, argument, $"{function} is not supported by local mode; use Ref, Fn::Sub, Fn::GetAtt, Fn::Join, Fn::Split, Fn::Select, Fn::If or Fn::FindInMap", $"{{{function}}}");
        }
    }

    /// <summary>
    /// A function's single argument as a value. With a short-form tag the node carries the tag itself (!Base64 text),
    /// so it is read without the tag; a long form's argument may be another function.
    /// </summary>
    private TemplateValue Argument(YamlNode argument, string path, bool shortForm) => !shortForm
        ? Resolve(argument, path)
        : argument switch
        {
            YamlScalarNode scalar => new TextValue(scalar.Value ?? ""),
            YamlSequenceNode sequence => Resolve(new YamlSequenceNode(sequence.Children), path),
            YamlMappingNode mapping => Resolve(new YamlMappingNode(mapping.Children), path),
            _ => new TextValue(""),
        };

    private TemplateValue Ref(string target, string path, YamlNode at)
    {
        switch (target)
        {
            case "AWS::Region":
                return new TextValue(_ids.Region);
            case "AWS::AccountId":
                return new TextValue(_ids.AccountId);
            case "AWS::StackName":
                return new TextValue(_ids.StackName);
            case "AWS::Partition":
                return new TextValue(_ids.Partition);
            case "AWS::URLSuffix":
                return new TextValue(_ids.UrlSuffix);
            case "AWS::StackId":
                return new TextValue($"arn:{_ids.Partition}:cloudformation:{_ids.Region}:{_ids.AccountId}:stack/{_ids.StackName}/00000000-0000-0000-0000-000000000000");
            case "AWS::NotificationARNs":
                return new ListValue([]);
            case "AWS::NoValue":
                return NoValue.Instance;
        }

        if (_parameters.TryGetValue(target, out var parameter))
        {
            return parameter;
        }

        if (_resources.TryGetValue(target, out var resource))
        {
            if (!IsCreated(resource))
            {
                Problem(path, at, $"Ref to {target}, which is not created because its condition {resource.Condition} is false; guard this reference with Fn::If on the same condition");
            }

            return new TextValue(RefOf(resource));
        }

        return Unresolved(path, at, target.StartsWith("AWS::", StringComparison.Ordinal)
            ? $"unknown pseudo parameter {target}; use AWS::Region, AWS::AccountId, AWS::StackName, AWS::Partition, AWS::URLSuffix or AWS::NoValue"
            : $"Ref to '{target}': no parameter or resource named {target} is declared", $"{{Ref: {target}}}");
    }

    private TemplateValue GetAtt(YamlNode argument, string path)
    {
        string? logicalId = null;
        string? attribute = null;
        if (argument is YamlScalarNode { Value: { } dotted } && dotted.IndexOf('.', StringComparison.Ordinal) is var dot and > 0)
        {
            logicalId = dotted[..dot];
            attribute = dotted[(dot + 1)..];
        }
        else if (argument is YamlSequenceNode { Children.Count: 2 } pair && pair.Children[0] is YamlScalarNode { Value: { } first })
        {
            logicalId = first;
            attribute = Resolve(pair.Children[1], path + "[1]").Text;
        }

        if (logicalId is null || string.IsNullOrEmpty(attribute))
        {
            return Unresolved(path, argument, "Fn::GetAtt takes LogicalId.Attribute (short form) or [LogicalId, Attribute]", "{Fn::GetAtt}");
        }

        return Attribute(logicalId, attribute, path, argument);
    }

    private TemplateValue Attribute(string logicalId, string attribute, string path, YamlNode at)
    {
        if (!_resources.TryGetValue(logicalId, out var resource))
        {
            return Unresolved(path, at, $"Fn::GetAtt {logicalId}.{attribute}: no resource named {logicalId} is declared", $"{{Fn::GetAtt: {logicalId}.{attribute}}}");
        }

        if (!IsCreated(resource))
        {
            Problem(path, at, $"Fn::GetAtt {logicalId}.{attribute}: {logicalId} is not created because its condition {resource.Condition} is false");
        }

        var value = _ids.GetAtt(resource.Type, logicalId, NameOf(resource), attribute);
        return value is null
            ? Unresolved(path, at, $"Fn::GetAtt {logicalId}.{attribute}: {resource.Type} has no attribute {attribute}; it has {LocalPhysicalIds.KnownAttributes(resource.Type)}", $"{{Fn::GetAtt: {logicalId}.{attribute}}}")
            : new TextValue(value);
    }

    private TemplateValue Sub(YamlNode argument, string path)
    {
        string? template = null;
        var variables = new Dictionary<string, TemplateValue>(StringComparer.Ordinal);
        if (argument is YamlScalarNode { Value: { } text })
        {
            template = text;
        }
        else if (argument is YamlSequenceNode { Children.Count: 2 } pair && pair.Children[0] is YamlScalarNode { Value: { } first } && pair.Children[1] is YamlMappingNode map)
        {
            template = first;
            foreach (var (key, value) in map.Children)
            {
                var name = (key as YamlScalarNode)?.Value ?? "";
                variables[name] = Resolve(value, $"{path}[1].{name}");
            }
        }

        if (template is null)
        {
            return Unresolved(path, argument, "Fn::Sub takes a string, or [string, {Name: value, ...}]", "{Fn::Sub}");
        }

        var result = new StringBuilder();
        var position = 0;
        while (position < template.Length)
        {
            var start = template.IndexOf("${", position, StringComparison.Ordinal);
            var end = start < 0 ? -1 : template.IndexOf('}', start + 2);
            if (end < 0)
            {
                result.Append(template, position, template.Length - position);
                break;
            }

            result.Append(template, position, start - position);
            var placeholder = template[(start + 2)..end];

            // ${!Literal} writes ${Literal} without substituting it.
            if (placeholder.StartsWith('!'))
            {
                result.Append("${").Append(placeholder, 1, placeholder.Length - 1).Append('}');
            }
            else
            {
                result.Append(SubVariable(placeholder.Trim(), variables, path, argument));
            }

            position = end + 1;
        }

        return new TextValue(result.ToString());
    }

    private string SubVariable(string name, Dictionary<string, TemplateValue> variables, string path, YamlNode at)
    {
        TemplateValue value;
        if (variables.TryGetValue(name, out var variable))
        {
            value = variable;
        }
        else if (name.StartsWith("AWS::", StringComparison.Ordinal) || _parameters.ContainsKey(name) || _resources.ContainsKey(name))
        {
            value = Ref(name, path, at);
        }
        else if (name.IndexOf('.', StringComparison.Ordinal) is var dot and > 0 && _resources.ContainsKey(name[..dot]))
        {
            value = Attribute(name[..dot], name[(dot + 1)..], path, at);
        }
        else
        {
            Problem(path, at, $"Fn::Sub placeholder ${{{name}}} is not a parameter, resource, resource attribute or pseudo parameter; write ${{!{name}}} for a literal ${{{name}}}");
            return "${" + name + "}";
        }

        if (value.Text is { } text)
        {
            return text;
        }

        Problem(path, at, $"Fn::Sub placeholder ${{{name}}} is {Kind(value)}, not a string; join a list first with Fn::Join");
        return "${" + name + "}";
    }

    private TemplateValue FindInMap(YamlNode argument, string path)
    {
        var args = Arguments(argument, path, "Fn::FindInMap", 3, 4);
        if (args is null)
        {
            return new TextValue("");
        }

        var keys = args.Take(3).Select((a, i) => Resolve(a, $"{path}[{i}]").Text ?? "").ToArray();
        var top = _mappings is null ? null : Child(_mappings, keys[0]) as YamlMappingNode;
        var second = top is null ? null : Child(top, keys[1]) as YamlMappingNode;
        var value = second is null ? null : Child(second, keys[2]);
        if (value is not null)
        {
            return Resolve(value, $"Mappings.{keys[0]}.{keys[1]}.{keys[2]}");
        }

        if (args.Count == 4 && args[3] is YamlMappingNode options && Child(options, "DefaultValue") is { } fallback)
        {
            return Resolve(fallback, path + "[3].DefaultValue");
        }

        return Unresolved(path, argument, $"Fn::FindInMap: Mappings has no {keys[0]}.{keys[1]}.{keys[2]}", "{Fn::FindInMap}");
    }

    private List<YamlNode>? Arguments(YamlNode argument, string path, string function, int min, int max)
    {
        if (argument is YamlSequenceNode sequence && sequence.Children.Count >= min && sequence.Children.Count <= max)
        {
            return [.. sequence.Children];
        }

        var count = min == max ? min.ToString(CultureInfo.InvariantCulture) : $"{min}-{max}";
        Problem(path, argument, $"{function} takes a list of {count} arguments");
        return null;
    }

    private bool Fail(string path, YamlNode at, string message)
    {
        Problem(path, at, message);
        return false;
    }

    private UnresolvedValue Unresolved(string path, YamlNode at, string message, string expression)
    {
        Problem(path, at, message);
        return new UnresolvedValue(expression);
    }

    private void Problem(string path, YamlNode at, string message) =>
        _problems.Add(new TemplateProblem(path, message, (int)at.Start.Line, (int)at.Start.Column));

    private static string Canonical(TemplateValue value) => value.Text ?? value.ToJson();

    private static string Kind(TemplateValue value) => value switch
    {
        ListValue => "a list",
        MapValue => "a map",
        NoValue => "AWS::NoValue",
        _ => "a string",
    };

    /// <summary>The intrinsic a short-form tag names (!Ref, !Sub, !GetAtt ...), or null for untagged nodes.</summary>
    internal static string? ShortFormFunction(YamlNode node)
    {
        if (node.Tag.IsEmpty)
        {
            return null;
        }

        var tag = node.Tag.Value;
        if (tag.Length < 2 || tag[0] != '!' || tag[1] == '!')
        {
            return null;
        }

        var name = tag[1..];
        return name is "Ref" or "Condition" ? name : "Fn::" + name;
    }

    internal static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    internal static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}
