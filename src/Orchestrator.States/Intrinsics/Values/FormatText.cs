using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.States.Intrinsics.Values;

/// <summary>
/// How AWS writes a JSON value as plain text where a string is expected (States.Format placeholders, States.Hash
/// data): strings without quotes, <c>null</c>, numbers as written, objects as <c>{Arg1=1, Arg2=[]}</c> and arrays as
/// <c>[1, 2]</c> (Java's toString of the parsed value; recorded in the corpus, format_2 cases).
/// </summary>
internal static class FormatText
{
    public static string Render(JsonNode? node)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            return value.GetValue<string>();
        }

        var text = new StringBuilder();
        Append(text, node);
        return text.ToString();
    }

    private static void Append(StringBuilder text, JsonNode? node)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                text.Append('{');
                var firstProperty = true;
                foreach (var (name, propertyValue) in obj)
                {
                    if (!firstProperty)
                    {
                        text.Append(", ");
                    }

                    firstProperty = false;
                    text.Append(name).Append('=');
                    Append(text, propertyValue);
                }

                text.Append('}');
                break;
            case JsonArray array:
                text.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(", ");
                    }

                    Append(text, array[i]);
                }

                text.Append(']');
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                text.Append(value.GetValue<string>());
                break;
            default:
                text.Append(node.ToJsonString());
                break;
        }
    }
}
