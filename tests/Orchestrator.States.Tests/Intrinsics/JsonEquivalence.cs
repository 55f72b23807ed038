using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.States.Tests.Intrinsics;

/// <summary>
/// JSON equality as the conformance corpus defines it (run-case.md): object key order ignored, array order kept,
/// numbers by value (1, 1.0 and 1e0 are equal), strings ordinal, no cross-type equality.
/// </summary>
internal static class JsonEquivalence
{
    public static bool AreEquivalent(JsonNode? expected, JsonNode? actual) => (expected, actual) switch
    {
        (null, null) => true,
        (JsonObject e, JsonObject a) => e.Count == a.Count
            && e.All(property => a.TryGetPropertyValue(property.Key, out var value) && AreEquivalent(property.Value, value)),
        (JsonArray e, JsonArray a) => e.Count == a.Count && e.Zip(a).All(pair => AreEquivalent(pair.First, pair.Second)),
        (JsonValue e, JsonValue a) => ValuesEqual(e, a),
        _ => false,
    };

    public static void AssertEquivalent(string expectedJson, JsonNode? actual) =>
        AssertEquivalent(JsonNode.Parse(expectedJson), actual);

    public static void AssertEquivalent(JsonNode? expected, JsonNode? actual)
    {
        if (!AreEquivalent(expected, actual))
        {
            Assert.Fail($"Expected {expected?.ToJsonString() ?? "null"} but got {actual?.ToJsonString() ?? "null"}");
        }
    }

    private static bool ValuesEqual(JsonValue expected, JsonValue actual)
    {
        var kind = expected.GetValueKind();
        if (kind != actual.GetValueKind())
        {
            return false;
        }

        return kind switch
        {
            JsonValueKind.String => string.Equals(expected.GetValue<string>(), actual.GetValue<string>(), StringComparison.Ordinal),
            JsonValueKind.Number => Number(expected) == Number(actual),
            _ => true,
        };
    }

    private static decimal Number(JsonValue value) =>
        decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
}
