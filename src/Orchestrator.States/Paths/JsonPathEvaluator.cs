using System.Text.Json.Nodes;

namespace Orchestrator.States.Paths;

/// <summary>Applies parsed path segments to a document, collecting every matched node (Jayway JsonPath semantics).</summary>
public static class JsonPathEvaluator
{
    public static List<JsonNode?> Select(JsonNode? start, IReadOnlyList<PathSegment> segments, JsonNode? root)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var current = new List<JsonNode?> { start };
        foreach (var segment in segments)
        {
            var next = new List<JsonNode?>();
            foreach (var node in current)
            {
                Step(node, segment, root, next);
            }

            current = next;
        }

        return current;
    }

    private static void Step(JsonNode? node, PathSegment segment, JsonNode? root, List<JsonNode?> into)
    {
        switch (segment)
        {
            case PropertySegment p:
                if (node is JsonObject o && o.TryGetPropertyValue(p.Name, out var v))
                {
                    into.Add(v);
                }

                break;
            case IndexSegment i:
                if (node is JsonArray a)
                {
                    var index = i.Index < 0 ? a.Count + i.Index : i.Index;
                    if (index >= 0 && index < a.Count)
                    {
                        into.Add(a[index]);
                    }
                }

                break;
            case WildcardSegment:
                AddChildren(node, into);
                break;
            case UnionSegment u:
                if (node is JsonObject uo)
                {
                    foreach (var name in u.Names)
                    {
                        if (uo.TryGetPropertyValue(name, out var uv))
                        {
                            into.Add(uv);
                        }
                    }
                }
                else if (node is JsonArray ua)
                {
                    foreach (var idx in u.Indexes)
                    {
                        var index = idx < 0 ? ua.Count + idx : idx;
                        if (index >= 0 && index < ua.Count)
                        {
                            into.Add(ua[index]);
                        }
                    }
                }

                break;
            case SliceSegment s:
                if (node is JsonArray sa)
                {
                    Slice(sa, s, into);
                }

                break;
            case DeepScanSegment d:
                DeepScan(node, d.Name, into);
                break;
            case FilterSegment f:
                if (node is JsonArray fa)
                {
                    foreach (var item in fa)
                    {
                        if (f.Filter.Test(item, root))
                        {
                            into.Add(item);
                        }
                    }
                }
                else if (node is JsonObject && f.Filter.Test(node, root))
                {
                    into.Add(node);
                }

                break;
        }
    }

    private static void AddChildren(JsonNode? node, List<JsonNode?> into)
    {
        if (node is JsonObject o)
        {
            foreach (var (_, v) in o)
            {
                into.Add(v);
            }
        }
        else if (node is JsonArray a)
        {
            into.AddRange(a);
        }
    }

    private static void Slice(JsonArray array, SliceSegment s, List<JsonNode?> into)
    {
        var count = array.Count;
        var step = s.Step == 0 ? 1 : s.Step;
        if (step > 0)
        {
            var start = Normalize(s.Start ?? 0, count);
            var end = Normalize(s.End ?? count, count);
            for (var i = start; i < end; i += step)
            {
                into.Add(array[i]);
            }
        }
        else
        {
            var start = s.Start is { } st ? Math.Min(st < 0 ? count + st : st, count - 1) : count - 1;
            var end = s.End is { } en ? (en < 0 ? count + en : en) : -1;
            for (var i = start; i > end && i >= 0; i += step)
            {
                into.Add(array[i]);
            }
        }
    }

    private static int Normalize(int index, int count)
    {
        var i = index < 0 ? count + index : index;
        return Math.Clamp(i, 0, count);
    }

    private static void DeepScan(JsonNode? node, string? name, List<JsonNode?> into)
    {
        if (node is JsonObject o)
        {
            foreach (var (key, v) in o)
            {
                if (name is null || key == name)
                {
                    into.Add(v);
                }
            }

            foreach (var (_, v) in o)
            {
                DeepScan(v, name, into);
            }
        }
        else if (node is JsonArray a)
        {
            if (name is null)
            {
                into.AddRange(a);
            }

            foreach (var v in a)
            {
                DeepScan(v, name, into);
            }
        }
    }
}
