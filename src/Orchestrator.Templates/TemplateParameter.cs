using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Templates;

/// <summary>A declared parameter and the value this load gives it.</summary>
public sealed record TemplateParameter
{
    public required string Name { get; init; }

    public required string Type { get; init; }

    public string? Default { get; init; }

    public ImmutableArray<string> AllowedValues { get; init; } = [];

    /// <summary>The value used: override, else Default, else (local mode) a placeholder.</summary>
    public required TemplateValue Value { get; init; }

    /// <summary>True when local mode made the value up because none was given.</summary>
    public bool IsPlaceholder { get; init; }

    /// <summary>List&lt;...&gt; and CommaDelimitedList parameters resolve to lists.</summary>
    public bool IsList => IsListType(Type);

    internal static bool IsListType(string type) =>
        type == "CommaDelimitedList" || type.StartsWith("List<", StringComparison.Ordinal)
        || type.StartsWith("AWS::SSM::Parameter::Value<List<", StringComparison.Ordinal);
}

/// <summary>Reads the Parameters section and picks each value: override, Default, or (local mode) a placeholder.</summary>
internal static class TemplateParameters
{
    public static ImmutableArray<TemplateParameter> Read(
        YamlMappingNode? section, TemplateLoadOptions options, List<TemplateProblem> problems, List<TemplateProblem> warnings)
    {
        var result = ImmutableArray.CreateBuilder<TemplateParameter>();
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyNode, node) in section?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>())
        {
            var name = (keyNode as YamlScalarNode)?.Value ?? "";
            declared.Add(name);
            var path = $"Parameters.{name}";
            if (node is not YamlMappingNode declaration)
            {
                problems.Add(new TemplateProblem(path, "a parameter is a map with at least Type", (int)node.Start.Line, (int)node.Start.Column));
                continue;
            }

            var type = Scalar(declaration, "Type");
            if (type is null)
            {
                problems.Add(new TemplateProblem(path, "Type is missing; use String, Number, CommaDelimitedList, List<...> or an AWS-specific type", (int)node.Start.Line, (int)node.Start.Column));
                type = "String";
            }

            var defaultValue = Scalar(declaration, "Default");
            var allowed = TemplateResolver.Child(declaration, "AllowedValues") is YamlSequenceNode values
                ? values.Children.OfType<YamlScalarNode>().Select(v => v.Value ?? "").ToImmutableArray()
                : [];
            var isPlaceholder = false;
            string text;
            if (options.ParameterOverrides.TryGetValue(name, out var given))
            {
                text = given;
            }
            else if (defaultValue is not null)
            {
                text = defaultValue;

                // CloudFormation would read the SSM parameter the Default names; offline there is no SSM to ask.
                if (type.StartsWith("AWS::SSM::Parameter::Value<", StringComparison.Ordinal))
                {
                    warnings.Add(new TemplateProblem(path, $"the value comes from SSM parameter {defaultValue} at deploy time; local mode uses the name itself (pass {name}=... to set a value)", (int)node.Start.Line, (int)node.Start.Column));
                }
            }
            else
            {
                text = Placeholder(name, type);
                isPlaceholder = true;
                var advice = $"pass it as a parameter override ({name}=...)";
                if (options.Mode == TemplateMode.Local)
                {
                    warnings.Add(new TemplateProblem(path, $"no value given and no Default; local mode uses '{text}' ({advice} to set one)", (int)node.Start.Line, (int)node.Start.Column));
                }
                else
                {
                    problems.Add(new TemplateProblem(path, $"no value given and no Default; {advice}", (int)node.Start.Line, (int)node.Start.Column));
                }
            }

            var isList = TemplateParameter.IsListType(type);
            if (!isPlaceholder)
            {
                Check(type, text, isList, allowed, declaration, path, problems);
            }

            TemplateValue value = isList
                ? new ListValue([.. text.Split(',').Select(part => (TemplateValue)new TextValue(part.Trim()))])
                : new TextValue(text);
            result.Add(new TemplateParameter
            {
                Name = name,
                Type = type,
                Default = defaultValue,
                AllowedValues = allowed,
                Value = value,
                IsPlaceholder = isPlaceholder,
            });
        }

        foreach (var name in options.ParameterOverrides.Keys.Where(n => !declared.Contains(n)).Order(StringComparer.Ordinal))
        {
            problems.Add(new TemplateProblem("Parameters", $"the override {name} is not a declared parameter; declared: {string.Join(", ", declared.Order(StringComparer.Ordinal))}"));
        }

        return result.ToImmutable();
    }

    private static void Check(string type, string text, bool isList, ImmutableArray<string> allowed, YamlMappingNode declaration, string path, List<TemplateProblem> problems)
    {
        var line = (int)declaration.Start.Line;
        var items = isList ? text.Split(',').Select(s => s.Trim()).ToArray() : [text];
        foreach (var item in items)
        {
            if (allowed.Length > 0 && !allowed.Contains(item))
            {
                problems.Add(new TemplateProblem(path, $"'{item}' is not one of the AllowedValues ({string.Join(", ", allowed)})", line));
            }
        }

        if (type == "Number")
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                problems.Add(new TemplateProblem(path, $"'{text}' is not a number", line));
                return;
            }

            if (Scalar(declaration, "MinValue") is { } min && double.TryParse(min, NumberStyles.Float, CultureInfo.InvariantCulture, out var minValue) && number < minValue)
            {
                problems.Add(new TemplateProblem(path, $"{text} is below MinValue {min}", line));
            }

            if (Scalar(declaration, "MaxValue") is { } max && double.TryParse(max, NumberStyles.Float, CultureInfo.InvariantCulture, out var maxValue) && number > maxValue)
            {
                problems.Add(new TemplateProblem(path, $"{text} is above MaxValue {max}", line));
            }
        }

        if (Scalar(declaration, "AllowedPattern") is { } pattern && !isList)
        {
            try
            {
                if (!Regex.IsMatch(text, "^(?:" + pattern + ")$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
                {
                    problems.Add(new TemplateProblem(path, $"'{text}' does not match AllowedPattern {pattern}", line));
                }
            }
            catch (ArgumentException ex)
            {
                problems.Add(new TemplateProblem(path, $"AllowedPattern is not a valid regular expression ({ex.Message})", line));
            }
        }

    }

    /// <summary>A recognizable stand-in: local-subnet, local-security-group, or local-{parameter-name}.</summary>
    private static string Placeholder(string name, string type)
    {
        if (type.Contains("AWS::EC2::Subnet::Id", StringComparison.Ordinal))
        {
            return "local-subnet";
        }

        if (type.Contains("AWS::EC2::SecurityGroup::Id", StringComparison.Ordinal))
        {
            return "local-security-group";
        }

        if (type.Contains("AWS::EC2::VPC::Id", StringComparison.Ordinal))
        {
            return "local-vpc";
        }

        return type == "Number" ? "0" : "local-" + Regex.Replace(name, "(?<=[a-z0-9])([A-Z])", "-$1", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)).ToLowerInvariant();
    }

    private static string? Scalar(YamlMappingNode mapping, string key) => (TemplateResolver.Child(mapping, key) as YamlScalarNode)?.Value;
}
