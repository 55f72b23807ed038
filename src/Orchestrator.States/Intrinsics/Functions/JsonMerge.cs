using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.States.Intrinsics.Functions;

/// <summary>
/// <c>States.JsonMerge(left, right, deep)</c>: a shallow merge of two objects; on a shared key the right value wins
/// and keeps the left key's position. AWS supports only shallow mode: <c>deep</c> = <c>true</c> fails.
/// </summary>
internal sealed class JsonMerge : IIntrinsicFunction
{
    public string Name => "States.JsonMerge";

    public Arity Arity => Arity.Exactly(3);

    public JsonNode? Invoke(IntrinsicArguments arguments, IIntrinsicContext context)
    {
        var left = arguments.Object(0);
        var right = arguments.Object(1);
        if (arguments.Value(2) is JsonValue deep && deep.GetValueKind() == JsonValueKind.True)
        {
            throw arguments.Invalid();
        }

        var merged = (JsonObject)left.DeepClone();
        foreach (var (name, value) in right)
        {
            merged[name] = value?.DeepClone();
        }

        return merged;
    }
}
