using System.Text;
using System.Text.Json.Nodes;

namespace Orchestrator.States.Intrinsics.Functions;

/// <summary><c>States.Base64Encode(text)</c>: the UTF-8 bytes of a string of at most 10,000 characters, in Base64.</summary>
internal sealed class Base64Encode : IIntrinsicFunction
{
    // "The input string can't exceed 10,000 characters." (AWS developer guide)
    internal const int MaxLength = 10_000;

    public string Name => "States.Base64Encode";

    public Arity Arity => Arity.Exactly(1);

    public JsonNode? Invoke(IntrinsicArguments arguments, IIntrinsicContext context)
    {
        var text = arguments.String(0);
        return text.Length <= MaxLength
            ? JsonValue.Create(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)))
            : throw arguments.Invalid();
    }
}
