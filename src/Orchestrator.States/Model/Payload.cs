using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.States.Json;
using Orchestrator.States.Paths;

namespace Orchestrator.States.Model;

/// <summary>
/// A compiled JSONPath payload template (Parameters, ItemSelector, ResultSelector, Assign, Task Parameters):
/// keys ending in ".$" hold a path or an intrinsic call; everything else is copied as is.
/// </summary>
public abstract record PayloadTemplate;

public sealed record PayloadLiteral(JsonNode? Value) : PayloadTemplate
{
    // Objects and arrays are kept as parsed JSON too: a node over it copies nothing until something reads into it.
    private readonly JsonElement? _element = Value is JsonObject or JsonArray ? JsonValues.ToElement(Value) : null;

    /// <summary>A new node with the literal's value, with no parent, for the caller to place.</summary>
    public JsonNode? Instantiate() => _element is { } element ? JsonValues.FromElement(element) : JsonValues.Clone(Value);

    public bool Equals(PayloadLiteral? other) => other is not null && ReferenceEquals(Value, other.Value);

    public override int GetHashCode() => Value?.GetHashCode() ?? 0;
}

public sealed record PayloadObject(IReadOnlyList<PayloadField> Fields) : PayloadTemplate;

public sealed record PayloadArray(IReadOnlyList<PayloadTemplate> Items) : PayloadTemplate;

/// <summary>A "key.$": "$..." field; Field keeps the key as written (with ".$") for error messages.</summary>
public sealed record PayloadPath(string Field, JsonPathExpression Path) : PayloadTemplate;

/// <summary>A "key.$": "States.Format(...)" field.</summary>
public sealed record PayloadIntrinsic(string Field, string Expression) : PayloadTemplate;

/// <summary>One output key (without ".$") and how its value is produced.</summary>
public sealed record PayloadField(string Key, PayloadTemplate Value);

/// <summary>
/// InputPath/OutputPath/ResultPath: absent means "$"; an explicit JSON null discards (InputPath/OutputPath give {},
/// ResultPath keeps the input). Path is null exactly when the field was null.
/// </summary>
public sealed record PathField(JsonPathExpression? Path)
{
    public static PathField Root { get; } = new(JsonPathExpression.Parse("$"));

    public static PathField Discard { get; } = new((JsonPathExpression?)null);

    public bool IsDiscard => Path is null;
}
