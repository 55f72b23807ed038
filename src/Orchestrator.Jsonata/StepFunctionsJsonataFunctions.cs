using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Jsonata;

/// <summary>
/// The functions AWS Step Functions adds to JSONata ($partition, $range, $hash, $random with a seed, $uuid, $parse),
/// registered through the public host-function API. Failures raise <see cref="JsonataException"/> with these codes:
/// D3900 bad $partition size, D3901 bad $range arguments, D3902 unsupported $hash algorithm, D3903 invalid JSON for $parse,
/// D3904 bad $random seed; argument type mismatches are T0410 (signature validation).
/// </summary>
public static class StepFunctionsJsonataFunctions
{
    /// <summary>States.ArrayRange's limit on the number of generated items.</summary>
    public const int MaxRangeItems = 1000;

    public static JsonataBindings Register(JsonataBindings bindings)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        bindings.RegisterFunction("partition", Partition, "<an:a>");
        bindings.RegisterFunction("range", Range, "<nnn:a>");
        bindings.RegisterFunction("hash", Hash, "<ss:s>");
        bindings.RegisterFunction("random", args => Random(args, bindings), "<n?:n>");
        bindings.RegisterFunction("uuid", _ => Defined(JsonValue.Create(NewUuid(bindings))), "<:s>");
        bindings.RegisterFunction("parse", Parse, "<s:j>");
        return bindings;
    }

    private static JsonataResult Defined(JsonNode? value) => JsonataResult.Of(value);

    /// <summary>$partition(array, size): consecutive chunks of <c>size</c> items; the last may be shorter.</summary>
    private static JsonataResult Partition(IReadOnlyList<JsonataResult> args)
    {
        if (!args[0].IsDefined || !args[1].IsDefined)
        {
            return JsonataResult.Undefined;
        }

        var array = args[0].Value as JsonArray ?? [args[0].Value?.DeepClone()];
        var size = Number(args[1]);
        if (size is null || size <= 0 || !double.IsInteger(size.Value))
        {
            throw new JsonataException("D3900", -1, "The chunk size of $partition must be a positive integer. Given " + Render(args[1]));
        }

        var chunkSize = (int)Math.Min(size.Value, int.MaxValue);
        var result = new JsonArray();
        JsonArray? chunk = null;
        foreach (var item in array)
        {
            if (chunk is null || chunk.Count == chunkSize)
            {
                chunk = [];
                result.Add((JsonNode)chunk);
            }

            chunk.Add(item?.DeepClone());
        }

        return Defined(result);
    }

    /// <summary>$range(start, end, step): start, start+step, ... up to and including end (a singleton unwraps like a sequence).</summary>
    private static JsonataResult Range(IReadOnlyList<JsonataResult> args)
    {
        if (!args[0].IsDefined || !args[1].IsDefined || !args[2].IsDefined)
        {
            return JsonataResult.Undefined;
        }

        var start = Number(args[0]);
        var end = Number(args[1]);
        var step = Number(args[2]);
        if (start is null || end is null || step is null || !double.IsInteger(start.Value) || !double.IsInteger(end.Value)
            || !double.IsInteger(step.Value) || step == 0)
        {
            throw new JsonataException("D3901", -1, "The arguments of $range must be integers and the step must not be zero");
        }

        var count = Math.Floor((end.Value - start.Value) / step.Value) + 1;
        if (count > MaxRangeItems)
        {
            throw new JsonataException(
                "D3901",
                -1,
                string.Create(CultureInfo.InvariantCulture, $"$range would generate {count} items; the maximum is {MaxRangeItems}"));
        }

        var result = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            result.Add((JsonNode)JsonValue.Create((long)(start.Value + (i * step.Value))));
        }

        return result.Count switch
        {
            0 => JsonataResult.Undefined,
            1 => Defined(result[0]!.DeepClone()),
            _ => Defined(result),
        };
    }

    /// <summary>$hash(value, algorithm): lowercase hex digest of the UTF-8 bytes (MD5, SHA-1, SHA-256, SHA-384, SHA-512).</summary>
    private static JsonataResult Hash(IReadOnlyList<JsonataResult> args)
    {
        if (!args[0].IsDefined || !args[1].IsDefined)
        {
            return JsonataResult.Undefined;
        }

        var data = Encoding.UTF8.GetBytes(args[0].Value!.GetValue<string>());
        var algorithm = args[1].Value!.GetValue<string>();
#pragma warning disable CA5350, CA5351 // MD5 and SHA-1 are offered because Step Functions offers them, not for security.
        var digest = algorithm switch
        {
            "MD5" => MD5.HashData(data),
            "SHA-1" => SHA1.HashData(data),
            "SHA-256" => SHA256.HashData(data),
            "SHA-384" => SHA384.HashData(data),
            "SHA-512" => SHA512.HashData(data),
            _ => throw new JsonataException(
                "D3902",
                -1,
                "The hash algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512. Given " + Evaluation.ValueText.JsonString(algorithm)),
        };
#pragma warning restore CA5350, CA5351
        return Defined(JsonValue.Create(Convert.ToHexStringLower(digest)));
    }

    /// <summary>$random([seed]): a number in [0, 1); the same seed always gives the same number.</summary>
    private static JsonataResult Random(IReadOnlyList<JsonataResult> args, JsonataBindings bindings)
    {
        if (args.Count > 0 && args[0].IsDefined)
        {
            var seed = Number(args[0]);
            if (seed is null || !double.IsInteger(seed.Value))
            {
                throw new JsonataException("D3904", -1, "The seed of $random must be an integer. Given " + Render(args[0]));
            }

            var seeded = new Random(unchecked((int)(long)seed.Value));
            return Defined(JsonValue.Create(seeded.NextDouble()));
        }

        return Defined(JsonValue.Create((bindings.Random ?? System.Random.Shared).NextDouble()));
    }

    /// <summary>A version 4 UUID drawn from the bindings' random source (deterministic under a seeded Random).</summary>
    private static string NewUuid(JsonataBindings bindings)
    {
        var bytes = new byte[16];
        (bindings.Random ?? System.Random.Shared).NextBytes(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(bytes);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }

    /// <summary>$parse(text): the JSON value a string holds.</summary>
    private static JsonataResult Parse(IReadOnlyList<JsonataResult> args)
    {
        if (!args[0].IsDefined)
        {
            return JsonataResult.Undefined;
        }

        var text = args[0].Value!.GetValue<string>();
        try
        {
            return Defined(JsonNode.Parse(text));
        }
        catch (JsonException ex)
        {
            throw new JsonataException("D3903", -1, "The argument of $parse must be a JSON string: " + ex.Message);
        }
    }

    private static double? Number(JsonataResult value) =>
        value.Value is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            ? double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
            : null;

    private static string Render(JsonataResult value) =>
        value.IsDefined ? value.Value?.ToJsonString() ?? "null" : "undefined";
}
