using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.States.Json;

namespace Orchestrator.States.Intrinsics.Functions;

/// <summary>
/// <c>States.StringToJson(text)</c>: parse JSON text. An empty or blank string gives <c>null</c>, as on AWS
/// (corpus string_to_json cases); a repeated key keeps its last value, as AWS's Jackson parser does.
/// </summary>
internal sealed class StringToJson : IIntrinsicFunction
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 1000 };
    private static readonly JsonDocumentOptions Unique = new() { MaxDepth = 1000, AllowDuplicateProperties = false };

    public string Name => "States.StringToJson";

    public Arity Arity => Arity.Exactly(1);

    public JsonNode? Invoke(IntrinsicArguments arguments, IIntrinsicContext context)
    {
        var text = arguments.String(0);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            // Usually no key repeats: keep the parsed text and let nodes be made from it only where they are read.
            return JsonValues.FromElement(JsonElement.Parse(text, Unique));
        }
        catch (JsonException)
        {
            // A repeated key (or bad JSON): build the nodes one by one so the last value wins.
        }

        try
        {
            using var document = JsonDocument.Parse(text, Options);
            return ToNode(document.RootElement);
        }
        catch (JsonException)
        {
            throw arguments.Invalid();
        }
    }

    private static JsonNode? ToNode(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    obj[property.Name] = ToNode(property.Value);
                }

                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(ToNode(item));
                }

                return array;
            case JsonValueKind.Null:
                return null;
            default:
                return JsonValue.Create(element.Clone());
        }
    }
}
