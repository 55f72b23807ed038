using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.States.Json;

/// <summary>Value semantics over System.Text.Json nodes: equality by value, type names as AWS prints them, compact text.</summary>
public static class JsonValues
{
    private static readonly JsonSerializerOptions Compact = new()
    {
        WriteIndented = false,
        // AWS prints causes and outputs without escaping non-ASCII or HTML-sensitive characters.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonNode? Clone(JsonNode? node) => node?.DeepClone();

    /// <summary>Compact JSON text; <c>null</c> for a JSON null.</summary>
    /// <summary>An object or array as a parsed element that outlives any document: keep it, and make nodes from it with <see cref="FromElement"/>.</summary>
    public static JsonElement ToElement(JsonNode? node)
    {
        using var document = JsonDocument.Parse(ToJson(node), new JsonDocumentOptions { MaxDepth = 512 });
        return document.RootElement.Clone();
    }

    /// <summary>A new node over <paramref name="element"/>: nothing is copied until it is read into or changed.</summary>
    public static JsonNode? FromElement(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => JsonObject.Create(element),
        JsonValueKind.Array => JsonArray.Create(element),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => JsonValue.Create(element),
    };

    public static string ToJson(JsonNode? node) => node is null ? "null" : node.ToJsonString(Compact);

    public static string ToIndentedJson(JsonNode? node) => node is null ? "null" : node.ToJsonString(Indented);

    public static JsonNode? Parse(string text) => JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 512 });

    public static JsonValueKind KindOf(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;

    public static bool IsNumber(JsonNode? node) => KindOf(node) == JsonValueKind.Number;

    public static bool IsString(JsonNode? node) => KindOf(node) == JsonValueKind.String;

    public static bool IsBoolean(JsonNode? node) => KindOf(node) is JsonValueKind.True or JsonValueKind.False;

    public static bool TryGetString(JsonNode? node, out string value)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            value = v.GetValue<string>();
            return true;
        }

        value = string.Empty;
        return false;
    }

    public static bool TryGetBoolean(JsonNode? node, out bool value)
    {
        var kind = KindOf(node);
        value = kind == JsonValueKind.True;
        return kind is JsonValueKind.True or JsonValueKind.False;
    }

    public static bool TryGetDouble(JsonNode? node, out double value)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
        {
            if (v.TryGetValue(out double d))
            {
                value = d;
                return true;
            }

            return double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }

        value = 0;
        return false;
    }

    public static bool TryGetDecimal(JsonNode? node, out decimal value)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
        {
            if (v.TryGetValue(out decimal d))
            {
                value = d;
                return true;
            }

            return decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }

        value = 0;
        return false;
    }

    /// <summary>An integral number (1, 1.0, 1e0) as a long; false for fractions, non-numbers and out-of-range values.</summary>
    public static bool TryGetInt64(JsonNode? node, out long value)
    {
        value = 0;
        if (!TryGetDecimal(node, out var d))
        {
            return false;
        }

        if (decimal.Truncate(d) != d || d < long.MinValue || d > long.MaxValue)
        {
            return false;
        }

        value = (long)d;
        return true;
    }

    /// <summary>Compares two numbers by value; decimal when both fit, double otherwise.</summary>
    public static int CompareNumbers(JsonNode a, JsonNode b)
    {
        if (TryGetDecimal(a, out var da) && TryGetDecimal(b, out var db))
        {
            return da.CompareTo(db);
        }

        TryGetDouble(a, out var xa);
        TryGetDouble(b, out var xb);
        return xa.CompareTo(xb);
    }

    /// <summary>Deep equality: object key order ignored, numbers by value, strings ordinal.</summary>
    public static bool DeepEquals(JsonNode? a, JsonNode? b)
    {
        var ka = KindOf(a);
        var kb = KindOf(b);
        if (ka != kb)
        {
            return false;
        }

        switch (ka)
        {
            case JsonValueKind.Null:
            case JsonValueKind.True:
            case JsonValueKind.False:
                return true;
            case JsonValueKind.Number:
                return CompareNumbers(a!, b!) == 0;
            case JsonValueKind.String:
                return string.Equals(a!.GetValue<string>(), b!.GetValue<string>(), StringComparison.Ordinal);
            case JsonValueKind.Array:
                var xa = a!.AsArray();
                var xb = b!.AsArray();
                if (xa.Count != xb.Count)
                {
                    return false;
                }

                for (var i = 0; i < xa.Count; i++)
                {
                    if (!DeepEquals(xa[i], xb[i]))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Object:
                var oa = a!.AsObject();
                var ob = b!.AsObject();
                if (oa.Count != ob.Count)
                {
                    return false;
                }

                foreach (var (key, value) in oa)
                {
                    if (!ob.TryGetPropertyValue(key, out var other) || !DeepEquals(value, other))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>The type name AWS uses in messages ("array", "object", "string", "number", "boolean", "null").</summary>
    public static string TypeName(JsonNode? node) => KindOf(node) switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
