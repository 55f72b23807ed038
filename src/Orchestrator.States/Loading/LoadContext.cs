using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.States.Intrinsics;
using Orchestrator.States.Json;
using Orchestrator.States.Model;
using Orchestrator.States.Paths;

namespace Orchestrator.States.Loading;

/// <summary>
/// What every part of loading shares: the problems and unsupported features found so far (each with its JSON pointer),
/// the state names seen, and the readers of paths, payload templates, Assign and numeric fields.
/// </summary>
internal sealed class LoadContext
{
    public List<ValidationProblem> Problems { get; } = [];

    public List<UnsupportedFeature> Unsupported { get; } = [];

    public Dictionary<string, string> StateNames { get; } = new(StringComparer.Ordinal);

    public void Problem(string pointer, string message) => Problems.Add(new ValidationProblem(pointer, message));

    public static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public void CheckFields(JsonObject obj, string pointer, IEnumerable<string> allowed)
    {
        var set = new HashSet<string>(allowed, StringComparer.Ordinal);
        foreach (var (key, _) in obj)
        {
            if (!set.Contains(key))
            {
                Problem(pointer + "/" + Escape(key), $"Field '{key}' is not supported here.");
            }
        }
    }

    public QueryLanguage ReadQueryLanguage(JsonObject obj, string pointer, QueryLanguage inherited)
    {
        if (!obj.TryGetPropertyValue("QueryLanguage", out var node))
        {
            return inherited;
        }

        var text = JsonValues.TryGetString(node, out var s) ? s : null;
        switch (text)
        {
            case "JSONPath":
                if (inherited == QueryLanguage.Jsonata && pointer.Length > 0)
                {
                    Problem(pointer + "/QueryLanguage", "A state cannot use JSONPath when the state machine's QueryLanguage is JSONata.");
                }

                return QueryLanguage.JsonPath;
            case "JSONata":
                return QueryLanguage.Jsonata;
            default:
                Problem(pointer + "/QueryLanguage", "QueryLanguage must be \"JSONPath\" or \"JSONata\".");
                return inherited;
        }
    }

    public PayloadTemplate? ReadAssign(JsonObject obj, string pointer)
    {
        if (!obj.TryGetPropertyValue("Assign", out var node))
        {
            return null;
        }

        if (node is not JsonObject assign)
        {
            Problem(pointer + "/Assign", "Assign must be an object of variable names to values.");
            return null;
        }

        CheckVariableNames(assign, pointer + "/Assign", jsonPath: true);
        return ReadPayload(assign, pointer + "/Assign");
    }

    /// <summary>Assign keys must be variable names (a JSONPath key may end in ".$", which is not part of the name).</summary>
    public void CheckVariableNames(JsonObject assign, string pointer, bool jsonPath)
    {
        foreach (var (key, _) in assign)
        {
            var variable = jsonPath && key.EndsWith(".$", StringComparison.Ordinal) ? key[..^2] : key;
            if (variable.Length == 0 || !(char.IsLetter(variable[0]) || variable[0] == '_') || !variable.All(ch => char.IsLetterOrDigit(ch) || ch == '_'))
            {
                Problem(pointer + "/" + Escape(key), $"'{variable}' is not a valid variable name (letters, digits and '_', not starting with a digit).");
            }
        }
    }

    public PathField ReadPathField(JsonObject obj, string pointer, string field, bool reference)
    {
        if (!obj.TryGetPropertyValue(field, out var node))
        {
            return PathField.Root;
        }

        if (node is null)
        {
            return PathField.Discard;
        }

        var path = ReadPath(node, pointer + "/" + field, field, reference);
        return path is null ? PathField.Root : new PathField(path);
    }

    public JsonPathExpression? ReadPath(JsonNode? node, string pointer, string field, bool reference)
    {
        if (!JsonValues.TryGetString(node, out var text))
        {
            Problem(pointer, $"{field} must be a string holding a path.");
            return null;
        }

        if (!JsonPathExpression.TryParse(text, out var path, out var problem))
        {
            Problem(pointer, $"{field} is not a valid path: {problem}");
            return null;
        }

        if (reference && (!path!.IsReferencePath || path.Root != PathRootKind.Input))
        {
            Problem(pointer, $"{field} must be a reference path (only '.name' and '[index]' steps from '$'): '{text}'.");
            return null;
        }

        return path;
    }

    public PayloadTemplate? ReadPayloadField(JsonObject obj, string pointer, string field)
    {
        if (!obj.TryGetPropertyValue(field, out var node))
        {
            return null;
        }

        return ReadPayload(node, pointer + "/" + field);
    }

    public PayloadTemplate ReadPayload(JsonNode? node, string pointer)
    {
        switch (node)
        {
            case JsonObject or JsonArray when !HasDynamicKey(node):
                // Nothing to evaluate inside: one literal, copied as a whole (cheaply) on each use.
                return new PayloadLiteral(JsonValues.Clone(node));
            case JsonObject obj:
                var fields = new List<PayloadField>();
                foreach (var (key, value) in obj)
                {
                    var fieldPointer = pointer + "/" + Escape(key);
                    if (key.EndsWith(".$", StringComparison.Ordinal) && key.Length > 2)
                    {
                        fields.Add(new PayloadField(key[..^2], ReadDynamic(key, value, fieldPointer)));
                    }
                    else
                    {
                        fields.Add(new PayloadField(key, ReadPayload(value, fieldPointer)));
                    }
                }

                return new PayloadObject(fields);
            case JsonArray array:
                return new PayloadArray(array.Select((item, i) => ReadPayload(item, pointer + "/" + i.ToString(CultureInfo.InvariantCulture))).ToList());
            default:
                return new PayloadLiteral(JsonValues.Clone(node));
        }
    }

    private static bool HasDynamicKey(JsonNode? node) => node switch
    {
        JsonObject obj => obj.Any(kv => (kv.Key.EndsWith(".$", StringComparison.Ordinal) && kv.Key.Length > 2) || HasDynamicKey(kv.Value)),
        JsonArray array => array.Any(HasDynamicKey),
        _ => false,
    };

    public PayloadTemplate ReadDynamic(string key, JsonNode? value, string pointer)
    {
        if (!JsonValues.TryGetString(value, out var text))
        {
            Problem(pointer, $"The value of '{key}' must be a string holding a path or an intrinsic function call.");
            return new PayloadLiteral(null);
        }

        if (IntrinsicFunctions.IsIntrinsic(text))
        {
            foreach (var issue in IntrinsicFunctions.Validate(text))
            {
                Problem(pointer, issue);
            }

            return new PayloadIntrinsic(key, text);
        }

        if (!JsonPathExpression.TryParse(text, out var path, out var problem))
        {
            Problem(pointer, $"The value of '{key}' is neither a valid path nor an intrinsic function call: {problem}");
            return new PayloadLiteral(null);
        }

        return new PayloadPath(key, path!);
    }

    public NumberField ReadNumberField(JsonObject obj, string pointer, string field, bool jsonPath, double min, bool integer = true, double max = double.MaxValue)
    {
        var hasValue = obj.TryGetPropertyValue(field, out var valueNode);
        var hasPath = obj.TryGetPropertyValue(field + "Path", out var pathNode);
        if (hasValue && hasPath)
        {
            Problem(pointer + "/" + field + "Path", $"{field} and {field}Path cannot both be set.");
        }

        double? value = null;
        if (hasValue)
        {
            if (!jsonPath && JsonataFieldReader.IsExpression(valueNode, out _))
            {
                return NumberField.None;
            }

            if (!JsonValues.TryGetDouble(valueNode, out var d) || (integer && Math.Floor(d) != d) || d < min || d > max)
            {
                Problem(pointer + "/" + field, $"{field} must be {(integer ? "an integer" : "a number")} >= {min.ToString(CultureInfo.InvariantCulture)}" +
                    (max < double.MaxValue ? $" and <= {max.ToString(CultureInfo.InvariantCulture)}." : "."));
            }
            else
            {
                value = d;
            }
        }

        JsonPathExpression? path = null;
        // In a JSONata state the *Path field is reported by QueryLanguageFields.
        if (hasPath && jsonPath)
        {
            path = ReadPath(pathNode, pointer + "/" + field + "Path", field + "Path", reference: false);
        }

        return new NumberField(value, path);
    }

}
