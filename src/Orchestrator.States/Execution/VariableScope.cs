using System.Text.Json.Nodes;

namespace Orchestrator.States.Execution;

/// <summary>
/// Workflow variables of one scope. A Parallel branch or Map iteration gets a child scope: it reads outer variables,
/// and its own assignments stay inside it (AWS: inner scopes cannot change outer variables).
/// </summary>
public sealed class VariableScope(VariableScope? parent)
{
    private readonly Dictionary<string, JsonNode?> _values = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public VariableScope? Parent { get; } = parent;

    public bool TryGet(string name, out JsonNode? value)
    {
        lock (_gate)
        {
            if (_values.TryGetValue(name, out value))
            {
                return true;
            }
        }

        if (Parent is not null)
        {
            return Parent.TryGet(name, out value);
        }

        value = null;
        return false;
    }

    /// <summary>Applies all assignments of one state at once (they were evaluated against the values before it).</summary>
    public void SetAll(IEnumerable<KeyValuePair<string, JsonNode?>> assignments)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        lock (_gate)
        {
            foreach (var (name, value) in assignments)
            {
                _values[name] = value;
            }
        }
    }

    /// <summary>Every variable this scope sees (inner names hide outer ones); values are shared, not copied: read only.</summary>
    public IReadOnlyDictionary<string, JsonNode?> Visible()
    {
        var visible = Parent is null ? new Dictionary<string, JsonNode?>(StringComparer.Ordinal) : new Dictionary<string, JsonNode?>(Parent.Visible(), StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var (name, value) in _values)
            {
                visible[name] = value;
            }
        }

        return visible;
    }

    /// <summary>A copy of this scope's own variables (for redrive and inspection).</summary>
    public IReadOnlyDictionary<string, JsonNode?> Snapshot()
    {
        lock (_gate)
        {
            return _values.ToDictionary(kv => kv.Key, kv => kv.Value?.DeepClone(), StringComparer.Ordinal);
        }
    }
}
