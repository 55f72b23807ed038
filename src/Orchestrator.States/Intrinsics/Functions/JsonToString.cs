using System.Text.Json.Nodes;
using Orchestrator.States.Intrinsics.Values;

namespace Orchestrator.States.Intrinsics.Functions;

/// <summary><c>States.JsonToString(value)</c>: the value as compact JSON text, keys in document order.</summary>
internal sealed class JsonToString : IIntrinsicFunction
{
    public string Name => "States.JsonToString";

    public Arity Arity => Arity.Exactly(1);

    public JsonNode? Invoke(IntrinsicArguments arguments, IIntrinsicContext context) =>
        JsonValue.Create(JsonText.Write(arguments.Value(0)));
}
