using System.Text.Json.Nodes;

namespace Orchestrator.States.Intrinsics.Functions;

/// <summary>
/// <c>States.StringSplit(text, delimiters)</c>: split on every character of the delimiter string and drop empty
/// items (Java StringTokenizer semantics, recorded in the corpus: <c>",,,,"</c> gives <c>[]</c>,
/// <c>"This.is+a,test=string"</c> split on <c>".+,="</c> gives five words).
/// </summary>
internal sealed class StringSplit : IIntrinsicFunction
{
    public string Name => "States.StringSplit";

    public Arity Arity => Arity.Exactly(2);

    public JsonNode? Invoke(IntrinsicArguments arguments, IIntrinsicContext context)
    {
        var text = arguments.String(0);
        var delimiters = arguments.String(1);
        var items = new JsonArray();
        foreach (var item in text.Split(delimiters.ToCharArray(), StringSplitOptions.RemoveEmptyEntries))
        {
            items.Add((JsonNode?)JsonValue.Create(item));
        }

        return items;
    }
}
