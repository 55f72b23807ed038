using System.Text.Json.Nodes;

namespace Orchestrator.Jsonata;

/// <summary>
/// The value of an expression. JSONata distinguishes "no value" (undefined: <see cref="IsDefined"/> is false)
/// from JSON null (<see cref="IsDefined"/> true and <see cref="Value"/> null).
/// </summary>
public readonly record struct JsonataResult(bool IsDefined, JsonNode? Value)
{
    /// <summary>The undefined result (a missing field, an empty sequence).</summary>
    public static JsonataResult Undefined => default;

    /// <summary>A defined result; <paramref name="value"/> null means JSON null.</summary>
    public static JsonataResult Of(JsonNode? value) => new(true, value);

    /// <summary>
    /// True when the expression produced a function: it has no JSON form, so the result is undefined, but hosts
    /// such as Step Functions report it apart ("returned an unsupported result type").
    /// </summary>
    public bool IsFunction { get; init; }
}

/// <summary>A host function callable from expressions; receives the evaluated arguments (undefined ones included).</summary>
public delegate JsonataResult JsonataFunction(IReadOnlyList<JsonataResult> arguments);
