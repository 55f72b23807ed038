using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.States.Intrinsics.Values;

/// <summary>
/// Compact JSON text as AWS writes it for States.JsonToString: no whitespace, keys in document order, non-ASCII
/// characters kept as they are and only quote, backslash and control characters escaped. System.Text.Json's default
/// encoder would escape <c>&lt;</c>, <c>'</c>, <c>+</c> and every non-ASCII character, which AWS does not.
/// </summary>
internal static class JsonText
{
    public static string Write(JsonNode? node)
    {
        // The relaxed writer prints what AWS prints unless it had to write a \u escape (control characters, DEL,
        // characters outside the BMP, ...); it copies parsed values as they are, so only then is the value walked here.
        var relaxed = Json.JsonValues.ToJson(node);
        if (!relaxed.Contains("\\u", StringComparison.Ordinal))
        {
            return relaxed;
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
                        text.Append(',');
                    }

                    firstProperty = false;
                    AppendString(text, name);
                    text.Append(':');
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
                        text.Append(',');
                    }

                    Append(text, array[i]);
                }

                text.Append(']');
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                AppendString(text, value.GetValue<string>());
                break;
            default:
                text.Append(node.ToJsonString());
                break;
        }
    }

    private static void AppendString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var character in value)
        {
            switch (character)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                case '\b':
                    text.Append("\\b");
                    break;
                case '\f':
                    text.Append("\\f");
                    break;
                case < ' ':
                    text.Append("\\u").Append(((int)character).ToString("X4", CultureInfo.InvariantCulture));
                    break;
                default:
                    text.Append(character);
                    break;
            }
        }

        text.Append('"');
    }
}
