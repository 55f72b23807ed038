using System.Text.Json.Nodes;

namespace Orchestrator.States.Intrinsics.Functions;

/// <summary><c>States.Array(values...)</c>: a JSON array of the arguments, in order (zero arguments give <c>[]</c>).</summary>
internal sealed class ArrayOf : IIntrinsicFunction
{
    public string Name => "States.Array";

    public Arity Arity => Arity.AtLeast(0);

    public JsonNode? Invoke(IntrinsicArguments arguments, IIntrinsicContext context)
    {
        var array = new JsonArray();
        for (var i = 0; i < arguments.Count; i++)
        {
            array.Add(arguments.Value(i)?.DeepClone());
        }

        return array;
    }
}
