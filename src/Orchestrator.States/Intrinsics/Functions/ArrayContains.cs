using System.Text.Json.Nodes;
using Orchestrator.States.Intrinsics.Values;

namespace Orchestrator.States.Intrinsics.Functions;

/// <summary>
/// <c>States.ArrayContains(array, value)</c>: whether an item equals the value. AWS compares the values' text
/// (see <see cref="FormatText"/>): <c>true</c> matches <c>"true"</c>, and objects match only with keys in the same order.
/// </summary>
internal sealed class ArrayContains : IIntrinsicFunction
{
    public string Name => "States.ArrayContains";

    public Arity Arity => Arity.Exactly(2);

    public JsonNode? Invoke(IntrinsicArguments arguments, IIntrinsicContext context)
    {
        var items = arguments.Array(0);
        var wanted = FormatText.Render(arguments.Value(1));
        return JsonValue.Create(items.Any(item => string.Equals(FormatText.Render(item), wanted, StringComparison.Ordinal)));
    }
}
