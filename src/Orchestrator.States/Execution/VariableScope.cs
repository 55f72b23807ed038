using System.Text.Json.Nodes;

namespace Orchestrator.States.Execution;

/// <summary>
/// Workflow variables of one scope. A Parallel branch or Map iteration gets a child scope: it reads outer variables,
/// and its own assignments stay inside it (AWS: inner scopes cannot change outer variables).
/// </summary>
public sealed class VariableScope(VariableScope? parent)
{
    // Made on the first assignment (most scopes never get one); the dictionary is also the lock.
    private Dictionary<string, JsonNode?>? _values;

    public VariableScope? Parent { get; } = parent;

    public bool TryGet(string name, out JsonNode? value)
    {
        if (Volatile.Read(ref _values) is { } values)
        {
            lock (values)
            {
                if (values.TryGetValue(name, out value))
                {
                    return true;
                }
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
        var values = Values();
        lock (values)
        {
            foreach (var (name, value) in assignments)
            {
                values[name] = value;
            }
        }
    }

    /// <summary>Every variable this scope sees (inner names hide outer ones); values are shared, not copied: read only.</summary>
    public IReadOnlyDictionary<string, JsonNode?> Visible()
    {
        var visible = Parent is null ? new Dictionary<string, JsonNode?>(StringComparer.Ordinal) : new Dictionary<string, JsonNode?>(Parent.Visible(), StringComparer.Ordinal);
        if (Volatile.Read(ref _values) is { } values)
        {
            lock (values)
            {
                foreach (var (name, value) in values)
                {
                    visible[name] = value;
                }
            }
        }

        return visible;
    }

    /// <summary>A copy of this scope's own variables (for redrive and inspection).</summary>
    public IReadOnlyDictionary<string, JsonNode?> Snapshot()
    {
        var values = Values();
        lock (values)
        {
            return values.ToDictionary(kv => kv.Key, kv => kv.Value?.DeepClone(), StringComparer.Ordinal);
        }
    }

    private Dictionary<string, JsonNode?> Values() =>
        Volatile.Read(ref _values) ?? Interlocked.CompareExchange(ref _values, new Dictionary<string, JsonNode?>(StringComparer.Ordinal), null) ?? _values;
}
