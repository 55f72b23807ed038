using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.States.Json;

namespace Orchestrator.States.Conformance;

/// <summary>Readable differences between two JSON values, each located by a JSON pointer (object key order ignored).</summary>
public static class JsonDiff
{
    public static IReadOnlyList<string> Compare(JsonNode? expected, JsonNode? actual, string pointer = "")
    {
        var differences = new List<string>();
        Walk(expected, actual, pointer, differences);
        return differences;
    }

    private static void Walk(JsonNode? expected, JsonNode? actual, string pointer, List<string> into)
    {
        var ek = JsonValues.KindOf(expected);
        var ak = JsonValues.KindOf(actual);
        if (ek == JsonValueKind.Object && ak == JsonValueKind.Object)
        {
            var e = expected!.AsObject();
            var a = actual!.AsObject();
            foreach (var (key, value) in e)
            {
                if (!a.TryGetPropertyValue(key, out var other))
                {
                    into.Add($"{pointer}/{key}: missing; expected {Show(value)}");
                }
                else
                {
                    Walk(value, other, pointer + "/" + key, into);
                }
            }

            foreach (var (key, value) in a)
            {
                if (!e.ContainsKey(key))
                {
                    into.Add($"{pointer}/{key}: unexpected {Show(value)}");
                }
            }

            return;
        }

        if (ek == JsonValueKind.Array && ak == JsonValueKind.Array)
        {
            var e = expected!.AsArray();
            var a = actual!.AsArray();
            if (e.Count != a.Count)
            {
                into.Add($"{pointer}: expected an array of {e.Count} items {Show(e)}, actual {a.Count} items {Show(a)}");
                return;
            }

            for (var i = 0; i < e.Count; i++)
            {
                Walk(e[i], a[i], pointer + "/" + i.ToString(CultureInfo.InvariantCulture), into);
            }

            return;
        }

        if (!JsonValues.DeepEquals(expected, actual))
        {
            into.Add($"{(pointer.Length == 0 ? "/" : pointer)}: expected {Show(expected)}, actual {Show(actual)}");
        }
    }

    private static string Show(JsonNode? node)
    {
        var text = JsonValues.ToJson(node);
        return text.Length > 300 ? text[..300] + "…" : text;
    }
}
