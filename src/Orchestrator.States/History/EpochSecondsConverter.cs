using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.States.History;

/// <summary>The AWS JSON 1.0 protocol sends timestamps as epoch seconds with a fraction (e.g. 1763704181.123).</summary>
public sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(reader.GetDouble() * 1000));

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value.ToUnixTimeMilliseconds() / 1000m);
    }
}
