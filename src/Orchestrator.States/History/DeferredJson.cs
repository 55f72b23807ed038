using System.Text.Json.Nodes;
using Orchestrator.States.Json;

namespace Orchestrator.States.History;

/// <summary>
/// A history payload kept as the node it was recorded from and printed on first read: most histories are never read,
/// and printing every state's input and output was the largest cost of running a state. The engine never mutates a
/// node after recording it (values are cloned before they are changed), which a test checks against eager printing.
/// </summary>
internal sealed class DeferredJson : IEquatable<DeferredJson>
{
    private readonly JsonNode? _node;
    private readonly Execution.PreparedPayload? _prepared;
    private string? _text;

    private DeferredJson(JsonNode? node, string? text, Execution.PreparedPayload? prepared = null)
    {
        _node = node;
        _text = text;
        _prepared = prepared;
    }

    public string Text => _text ??= JsonValues.ToJson(_prepared is { } prepared ? prepared.Node : _node);

    public static DeferredJson? OfText(string? text) => text is null ? null : new DeferredJson(null, text);

    /// <summary>Keeps <paramref name="node"/> to print later, or prints it now when <paramref name="eager"/>.</summary>
    public static DeferredJson OfNode(JsonNode? node, bool eager) => eager ? new DeferredJson(null, JsonValues.ToJson(node)) : new DeferredJson(node, null);

    /// <summary>Prepared Task parameters, printed (and so built) on first read, or now when <paramref name="eager"/>.</summary>
    public static DeferredJson OfPrepared(Execution.PreparedPayload prepared, bool eager) =>
        eager ? new DeferredJson(null, JsonValues.ToJson(prepared.Node)) : new DeferredJson(null, null, prepared);

    public bool Equals(DeferredJson? other) => other is not null && string.Equals(Text, other.Text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as DeferredJson);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    public override string ToString() => Text;
}
