using System.Text.Json.Nodes;
using Orchestrator.States.Intrinsics.Values;

namespace Orchestrator.States.Intrinsics.Functions;

/// <summary>
/// <c>States.ArrayUnique(array)</c>: the items without repeats, first occurrences in order. Two items repeat when
/// their JSON text is the same (type-aware: <c>1</c> and <c>"1"</c> stay distinct).
/// </summary>
internal sealed class ArrayUnique : IIntrinsicFunction
{
    public string Name => "States.ArrayUnique";

    public Arity Arity => Arity.Exactly(1);

    public JsonNode? Invoke(IntrinsicArguments arguments, IIntrinsicContext context)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unique = new JsonArray();
        foreach (var item in arguments.Array(0))
        {
            if (seen.Add(JsonText.Write(item)))
            {
                unique.Add(item?.DeepClone());
            }
        }

        return unique;
    }
}
