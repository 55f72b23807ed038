using System.Text.Json.Nodes;

namespace Orchestrator.States.Intrinsics.Functions;

/// <summary><c>States.ArrayLength(array)</c>: the number of items.</summary>
internal sealed class ArrayLength : IIntrinsicFunction
{
    public string Name => "States.ArrayLength";

    public Arity Arity => Arity.Exactly(1);

    public JsonNode? Invoke(IntrinsicArguments arguments, IIntrinsicContext context) =>
        JsonValue.Create(arguments.Array(0).Count);
}
