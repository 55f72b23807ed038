using System.Collections.Immutable;
using Orchestrator.Templates;

namespace Orchestrator.Local.Tasks;

/// <summary>The template's task definitions, found the ways RunTask accepts: full ARN, family, or family:revision.</summary>
public sealed class TaskDefinitionCatalog(IEnumerable<TemplateTaskDefinition> definitions)
{
    private readonly ImmutableArray<TemplateTaskDefinition> _definitions = [.. definitions];

    public ImmutableArray<TemplateTaskDefinition> All => _definitions;

    public TemplateTaskDefinition? Find(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return _definitions.FirstOrDefault(d => d.IsNamedBy(reference));
    }
}
