using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Jsonata.Evaluation;

/// <summary>Converts between System.Text.Json nodes (the public edge) and the internal value model.</summary>
internal static class JsonConversion
{
    private static readonly JsonElement[] SmallIntegers = Enumerable.Range(0, 1025).Select(i => ParseElement(i.ToString(CultureInfo.InvariantCulture))).ToArray();

    /// <summary>
    /// Numbers leave as JSON text in JavaScript's format (1 not 1.0, 1e+21), backed by a JsonElement so callers can read
    /// them with GetValue of double, long or int alike.
    /// </summary>
    private static JsonElement NumberElement(double d)
    {
        if (d >= 0 && d <= 1024 && double.IsInteger(d))
        {
            return SmallIntegers[(int)d];
        }

        return ParseElement(ValueText.Number(d));
    }

    private static JsonElement ParseElement(string text)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(text));
        return JsonElement.ParseValue(ref reader);
    }

    public static object? FromNode(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return JNull.Value;
            case JsonObject obj:
                {
                    var result = new JObject(obj.Count);
                    foreach (var pair in obj)
                    {
                        result[pair.Key] = FromNode(pair.Value);
                    }

                    return result;
                }

            case JsonArray array:
                {
                    var result = new JArray(array.Count);
                    foreach (var item in array)
                    {
                        result.Add(FromNode(item));
                    }

                    return result;
                }

            case JsonValue value:
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String:
                        return value.GetValue<string>();
                    case JsonValueKind.True:
                        return Boxes.True;
                    case JsonValueKind.False:
                        return Boxes.False;
                    case JsonValueKind.Number:
                        if (value.TryGetValue<double>(out var d))
                        {
                            return d;
                        }

                        return double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
                    default:
                        return JNull.Value;
                }

            default:
                return JNull.Value;
        }
    }

    public static JsonNode? ToNode(object? value, int position)
    {
        switch (value)
        {
            case null:
            case JNull:
                return null;
            case string s:
                return JsonValue.Create(s);
            case bool b:
                return JsonValue.Create(b);
            case double d:
                if (!double.IsFinite(d))
                {
                    throw Errors.Create("D1001", position, value: d);
                }

                return JsonValue.Create(NumberElement(d));
            case JArray array:
                {
                    var result = new JsonArray();
                    foreach (var item in array)
                    {
                        if (item is FunctionValue)
                        {
                            result.Add(null);
                            continue;
                        }

                        result.Add(ToNode(item, position));
                    }

                    return result;
                }

            case JObject obj:
                {
                    var result = new JsonObject();
                    foreach (var pair in obj)
                    {
                        if (pair.Value is null or FunctionValue)
                        {
                            continue;
                        }

                        result[pair.Key] = ToNode(pair.Value, position);
                    }

                    return result;
                }

            case TupleBinding tuple:
                return ToNode(tuple.Context, position);
            default:
                return null;
        }
    }
}
