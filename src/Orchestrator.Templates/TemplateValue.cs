using System.Collections.Immutable;
using System.Text;
using System.Text.Json;

namespace Orchestrator.Templates;

/// <summary>
/// A template value after intrinsic functions are resolved: text (CloudFormation treats every scalar as a string), a
/// list, a map, or what could not be resolved offline. <c>AWS::NoValue</c> never appears here: it removes its key.
/// </summary>
public abstract record TemplateValue
{
    /// <summary>The text of a scalar; null for lists and maps.</summary>
    public virtual string? Text => null;

    /// <summary>Items of a list; empty for anything else.</summary>
    public virtual ImmutableArray<TemplateValue> Items => [];

    /// <summary>A map's value for <paramref name="key"/>, or null.</summary>
    public virtual TemplateValue? this[string key] => null;

    /// <summary>The value as JSON, the way CloudFormation hands a resolved property to a service.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            Write(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    internal abstract void Write(Utf8JsonWriter writer);
}

public sealed record TextValue(string Value) : TemplateValue
{
    public override string? Text => Value;

    public override string ToString() => Value;

    internal override void Write(Utf8JsonWriter writer) => writer.WriteStringValue(Value);
}

public sealed record ListValue(ImmutableArray<TemplateValue> Values) : TemplateValue
{
    public override ImmutableArray<TemplateValue> Items => Values;

    public override string ToString() => "[" + string.Join(", ", Values) + "]";

    internal override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        foreach (var item in Values)
        {
            item.Write(writer);
        }

        writer.WriteEndArray();
    }
}

public sealed record MapValue(ImmutableArray<KeyValuePair<string, TemplateValue>> Entries) : TemplateValue
{
    public override TemplateValue? this[string key]
    {
        get
        {
            foreach (var entry in Entries)
            {
                if (string.Equals(entry.Key, key, StringComparison.Ordinal))
                {
                    return entry.Value;
                }
            }

            return null;
        }
    }

    public override string ToString() => "{" + string.Join(", ", Entries.Select(e => $"{e.Key}: {e.Value}")) + "}";

    internal override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        foreach (var entry in Entries)
        {
            writer.WritePropertyName(entry.Key);
            entry.Value.Write(writer);
        }

        writer.WriteEndObject();
    }
}

/// <summary>What local mode cannot know (e.g. <c>Fn::ImportValue</c>): kept in its written form, e.g. "{Fn::ImportValue: shared-vpc}".</summary>
public sealed record UnresolvedValue(string Expression) : TemplateValue
{
    public override string? Text => Expression;

    public override string ToString() => Expression;

    internal override void Write(Utf8JsonWriter writer) => writer.WriteStringValue(Expression);
}

/// <summary><c>AWS::NoValue</c> while resolving; removed from maps and lists before anyone sees it.</summary>
internal sealed record NoValue : TemplateValue
{
    public static readonly NoValue Instance = new();

    internal override void Write(Utf8JsonWriter writer) => writer.WriteNullValue();
}
