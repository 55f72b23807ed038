using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Jsonata.Evaluation;

/// <summary>
/// Converts between System.Text.Json nodes (the public edge) and the internal value model. Both directions go
/// through JSON text read and written in one pass, which is much cheaper than walking a JsonNode tree and leaves
/// numbers element-backed (readable as double, long or int) in JavaScript's text form (1 not 1.0).
/// </summary>
internal static class JsonConversion
{
    /// <summary>Deepest JSON nesting accepted in and out (System.Text.Json's default of 64 is too shallow for documents).</summary>
    public const int MaxNesting = 1000;

    private static readonly JsonWriterOptions WriterOptions = new() { MaxDepth = MaxNesting, SkipValidation = true };
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxNesting };
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxNesting };

    public static object? FromNode(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return JNull.Value;
            case JsonValue value:
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String when value.TryGetValue<string>(out var text):
                        return text;
                    case JsonValueKind.True:
                        return Boxes.True;
                    case JsonValueKind.False:
                        return Boxes.False;
                    case JsonValueKind.Null:
                        return JNull.Value;
                    default:
                        break;
                }

                break;
        }

        try
        {
            var buffer = new ArrayBufferWriter<byte>(256);
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                node.WriteTo(writer);
            }

            var reader = new Utf8JsonReader(buffer.WrittenSpan, ReaderOptions);
            reader.Read();
            return ReadValue(ref reader);
        }
        catch (JsonException ex)
        {
            throw new JsonataException("D1011", -1, "The input is nested too deeply: " + ex.Message);
        }
    }

    private static object? ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                {
                    var obj = new JObject();
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var key = reader.GetString()!;
                        reader.Read();
                        obj[key] = ReadValue(ref reader);
                    }

                    return obj;
                }

            case JsonTokenType.StartArray:
                {
                    var array = new JArray();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        array.Add(ReadValue(ref reader));
                    }

                    return array;
                }

            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return reader.GetDouble();
            case JsonTokenType.True:
                return Boxes.True;
            case JsonTokenType.False:
                return Boxes.False;
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
            case TupleBinding tuple:
                return ToNode(tuple.Context, position);
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, value, position);
        }

        try
        {
            return JsonNode.Parse(buffer.WrittenSpan, documentOptions: DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new JsonataException("D1011", position, "The result is nested too deeply: " + ex.Message);
        }
    }

    private static void Write(Utf8JsonWriter writer, object? value, int position)
    {
        switch (value)
        {
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case double d:
                if (!double.IsFinite(d))
                {
                    throw Errors.Create("D1001", position, value: d);
                }

                writer.WriteRawValue(ValueText.Number(d), skipInputValidation: true);
                break;
            case JArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    if (item is FunctionValue or null)
                    {
                        writer.WriteNullValue();
                    }
                    else
                    {
                        Write(writer, item is TupleBinding t ? t.Context : item, position);
                    }
                }

                writer.WriteEndArray();
                break;
            case JObject obj:
                writer.WriteStartObject();
                foreach (var pair in obj)
                {
                    if (pair.Value is null or FunctionValue)
                    {
                        continue;
                    }

                    writer.WritePropertyName(pair.Key);
                    Write(writer, pair.Value, position);
                }

                writer.WriteEndObject();
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
