namespace Orchestrator.States.Integrations;

/// <summary>
/// Task handlers keyed by resource ARN: an exact ARN, or a prefix ending in '*'. Mocked responses (by state name) are
/// consulted first by the engine; a resource with neither fails the state with a clear message.
/// </summary>
public sealed class TaskHandlerRegistry
{
    private readonly Dictionary<string, ITaskHandler> _exact = new(StringComparer.Ordinal);
    private readonly List<(string Prefix, ITaskHandler Handler)> _prefixes = [];

    public TaskHandlerRegistry Register(string resource, ITaskHandler handler)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(handler);
        if (resource.EndsWith('*'))
        {
            _prefixes.Add((resource[..^1], handler));
        }
        else
        {
            _exact[resource] = handler;
        }

        return this;
    }

    public bool TryResolve(string resource, out ITaskHandler? handler)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (_exact.TryGetValue(resource, out handler))
        {
            return true;
        }

        foreach (var (prefix, candidate) in _prefixes.OrderByDescending(p => p.Prefix.Length))
        {
            if (resource.StartsWith(prefix, StringComparison.Ordinal))
            {
                handler = candidate;
                return true;
            }
        }

        handler = null;
        return false;
    }
}
