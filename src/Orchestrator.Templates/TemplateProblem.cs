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
