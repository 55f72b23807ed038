using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Jsonata.Tests;

/// <summary>Compares JSON structurally, numbers by value (1 and 1.0 are equal).</summary>
internal static class JsonAssert
{
    public static bool Same(JsonNode? expected, JsonNode? actual)
    {
        switch (expected)
        {
            case null:
                return actual is null;
            case JsonObject eo:
                if (actual is not JsonObject ao || eo.Count != ao.Count)
                {
                    return false;
                }

                foreach (var pair in eo)
                {
                    if (!ao.TryGetPropertyValue(pair.Key, out var av) || !Same(pair.Value, av))
                    {
                        return false;
                    }
                }

                return true;
            case JsonArray ea:
                if (actual is not JsonArray aa || ea.Count != aa.Count)
                {
                    return false;
                }

                for (var i = 0; i < ea.Count; i++)
                {
                    if (!Same(ea[i], aa[i]))
                    {
                        return false;
                    }
                }

                return true;
            default:
                if (actual is not JsonValue av2)
                {
                    return false;
                }

                var ev = (JsonValue)expected;
                if (ev.GetValueKind() == JsonValueKind.Number && av2.GetValueKind() == JsonValueKind.Number)
                {
                    return Math.Abs(ToDouble(ev) - ToDouble(av2)) <= 1e-9 * Math.Max(1, Math.Abs(ToDouble(ev)));
                }

                return ev.ToJsonString() == av2.ToJsonString();
        }
    }

    private static double ToDouble(JsonValue value) =>
        double.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    public static void Equal(string expectedJson, JsonataResult actual)
    {
        Assert.True(actual.IsDefined, $"expected {expectedJson} but the result was undefined");
        var expected = JsonNode.Parse(expectedJson);
        Assert.True(Same(expected, actual.Value), $"expected {expectedJson} but got {actual.Value?.ToJsonString() ?? "null"}");
    }
}
