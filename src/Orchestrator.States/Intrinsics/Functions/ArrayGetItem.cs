using System.Text.Json.Nodes;

namespace Orchestrator.States.Intrinsics.Functions;

/// <summary><c>States.ArrayGetItem(array, index)</c>: the item at a 0-based index (fraction dropped); out of range fails.</summary>
internal sealed class ArrayGetItem : IIntrinsicFunction
{
    public string Name => "States.ArrayGetItem";

    public Arity Arity => Arity.Exactly(2);

    public JsonNode? Invoke(IntrinsicArguments arguments, IIntrinsicContext context)
    {
        var items = arguments.Array(0);
        var index = arguments.TruncatedInteger(1);
        return index >= 0 && index < items.Count ? items[index]?.DeepClone() : throw arguments.Invalid();
    }
}
