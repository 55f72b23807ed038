using System.Collections.Immutable;

namespace Orchestrator.Templates;

/// <summary>
/// One thing wrong in a template, where it is (a dotted path such as
/// <c>Resources.StarterFunction.Properties.Events.NightlyReport.Properties.ScheduleExpression</c>, and the YAML line when known),
/// and what to do.
/// </summary>
public sealed record TemplateProblem(string Location, string Message, int? Line = null, int? Column = null)
{
    public override string ToString() => $"{Location}: {Message}";
}

/// <summary>How strictly missing parameters are treated.</summary>
public enum TemplateMode
{
    /// <summary>As CloudFormation: a parameter without a Default must be given.</summary>
    Deploy,

    /// <summary>Offline: a missing parameter gets a placeholder (e.g. <c>local-subnet</c>) and a warning.</summary>
    Local,
}

/// <summary>The values CloudFormation would supply at deploy time, with local stand-ins.</summary>
public sealed record TemplateLoadOptions
{
    public TemplateMode Mode { get; init; } = TemplateMode.Local;

    public string Region { get; init; } = "us-east-1";

    public string AccountId { get; init; } = "123456789012";

    public string Partition { get; init; } = "aws";

    public string UrlSuffix { get; init; } = "amazonaws.com";

    /// <summary>The stack name; when null, samconfig.toml's stack_name beside the template, else "local".</summary>
    public string? StackName { get; init; }

    public ImmutableDictionary<string, string> ParameterOverrides { get; init; } = ImmutableDictionary<string, string>.Empty;
}
