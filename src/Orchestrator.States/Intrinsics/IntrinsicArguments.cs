using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.States.Errors;
using Orchestrator.States.Intrinsics.Values;

namespace Orchestrator.States.Intrinsics;

/// <summary>
/// The evaluated arguments of one call, with typed accessors that raise the function's
/// "Invalid arguments" failure when a value has the wrong JSON type.
/// </summary>
internal sealed class IntrinsicArguments(string functionName, IReadOnlyList<EvaluatedArgument> arguments)
{
    public string FunctionName { get; } = functionName;

    public int Count => arguments.Count;

    public EvaluatedArgument Argument(int index) => arguments[index];

    public JsonNode? Value(int index) => arguments[index].Value;

    public string String(int index) =>
        TryGetString(arguments[index].Value, out var text) ? text : throw Invalid();

    public JsonArray Array(int index) => arguments[index].Value as JsonArray ?? throw Invalid();

    public JsonObject Object(int index) => arguments[index].Value as JsonObject ?? throw Invalid();

    public double Number(int index) =>
        IntrinsicNumber.TryRead(arguments[index].Value, out var number) ? number : throw Invalid();

    /// <summary>A number cut to an int the way AWS does for sizes, bounds and indexes: the fraction is dropped.</summary>
    public int TruncatedInteger(int index) =>
        IntrinsicNumber.TryTruncate(Number(index), out var integer) ? integer : throw Invalid();

    public StatesException Invalid() => IntrinsicFailure.InvalidArguments(FunctionName);

    public static bool TryGetString(JsonNode? node, out string text)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            text = value.GetValue<string>();
            return true;
        }

        text = "";
        return false;
    }
}
