using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Orchestrator.Jsonata.Evaluation;
using Orchestrator.Jsonata.Functions;

namespace Orchestrator.Jsonata;

/// <summary>
/// What an evaluation sees besides its input: variables, host functions, the clock and the random source,
/// and the limits that stop runaway expressions.
/// </summary>
public sealed class JsonataBindings
{
    // Host functions are registered per evaluation by hosts such as the ASL engine: parse each signature once.
    private static readonly ConcurrentDictionary<string, Signature> ParsedSignatures = new(StringComparer.Ordinal);

    private readonly Dictionary<string, JsonNode?> _variables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<KeyValuePair<string, JsonNode?>>> _objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HostFunction> _functions = new(StringComparer.Ordinal);

    /// <summary>Clock for $now() and $millis(); inject a fake one for deterministic tests.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Random source for $random(), $shuffle() and $uuid(); null means <see cref="System.Random.Shared"/>. A seeded
    /// <see cref="System.Random"/> is not thread-safe: do not share one bindings instance holding it across threads.
    /// </summary>
    public Random? Random { get; set; }

    /// <summary>Maximum nesting of evaluation (recursion guard). Exceeding it raises D1011.</summary>
    public int MaxDepth { get; set; } = 10_000;

    /// <summary>Maximum number of evaluation steps; null for no limit. Exceeding it raises D1012.</summary>
    public long? MaxSteps { get; set; }

    /// <summary>Maximum wall time measured on <see cref="TimeProvider"/>; null for no limit. Exceeding it raises D1012.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>Binds <c>$name</c> (give the name without the dollar) to a JSON value; null binds JSON null.</summary>
    public JsonataBindings Bind(string name, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        var bare = StripDollar(name);
        _objects.Remove(bare);
        _variables[bare] = value;
        return this;
    }

    /// <summary>
    /// Binds <c>$name</c> to an object made of <paramref name="members"/> (null binds JSON null) without copying them:
    /// the members are read once, on the first use of <c>$name</c>, so nodes that belong to other documents can be
    /// passed as they are. They must not change until the evaluation ends.
    /// </summary>
    public JsonataBindings BindObject(string name, IEnumerable<KeyValuePair<string, JsonNode?>> members)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(members);
        var bare = StripDollar(name);
        _variables.Remove(bare);
        _objects[bare] = members.ToList();
        return this;
    }

    /// <summary>
    /// Registers <c>$name</c> as a host function, optionally validated against a JSONata signature such as "&lt;n-n:a&gt;".
    /// The signature also gives the function's arity, which higher-order functions use to decide how many of
    /// (value, index, array) to pass; without one the function receives only the value.
    /// </summary>
    public JsonataBindings RegisterFunction(string name, JsonataFunction fn, string? signature = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(fn);
        var bare = StripDollar(name);
        _functions[bare] = new HostFunction(bare, fn, signature is null ? null : ParsedSignatures.GetOrAdd(signature, text => Signature.Parse(text, -1)));
        return this;
    }

    internal IReadOnlyDictionary<string, JsonNode?> Variables => _variables;

    internal IReadOnlyDictionary<string, HostFunction> Functions => _functions;

    internal IReadOnlyDictionary<string, IReadOnlyList<KeyValuePair<string, JsonNode?>>> Objects => _objects;

    private static string StripDollar(string name) => name.StartsWith('$') ? name[1..] : name;
}
