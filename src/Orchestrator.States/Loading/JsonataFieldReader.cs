using System.Globalization;
using System.Text.Json.Nodes;
using Orchestrator.Jsonata;
using Orchestrator.States.Json;
using Orchestrator.States.Model;

namespace Orchestrator.States.Loading;

/// <summary>
/// Reads the fields of a JSONata state: every "{% ... %}" string is parsed once here (a syntax error is a definition
/// problem at its pointer), literal values are kept as they are, and the result is attached to the state's model.
/// </summary>
internal static class JsonataFieldReader
{
    private static readonly string[] RuleFields = ["Condition", "Next", "Comment", "Assign", "Output"];

    // A JSONata rule that uses these reads as a JSONPath rule written in the wrong language: say so, not "unknown field".
    private static readonly HashSet<string> JsonPathRuleFields = new(
        new[] { "Variable", "And", "Or", "Not" }
            .Concat(Enum.GetNames<ComparisonOperator>())
            .Concat(Enum.GetNames<ComparisonOperator>().Where(n => !n.StartsWith("Is", StringComparison.Ordinal)).Select(n => n + "Path")),
        StringComparer.Ordinal);

    /// <summary>"{% expr %}": a string that starts with "{%" and ends with "%}"; anything else (even " {% x %} ") is a literal.</summary>
    public static bool IsExpression(JsonNode? node, out string text)
    {
        text = string.Empty;
        if (!JsonValues.TryGetString(node, out var s) || s.Length < 4 || !s.StartsWith("{%", StringComparison.Ordinal) || !s.EndsWith("%}", StringComparison.Ordinal))
        {
            return false;
        }

        text = s[2..^2].Trim();
        return true;
    }

    /// <summary>Compiles a field value: expressions parsed, expression-free subtrees kept as one literal.</summary>
    public static JsonataTemplate ReadTemplate(LoadContext context, JsonNode? node, string pointer)
    {
        if (IsExpression(node, out var text))
        {
            try
            {
                return new JsonataExpressionTemplate(text, JsonataExpression.Parse(text));
            }
            catch (JsonataException ex)
            {
                context.Problem(pointer, $"The JSONata expression '{text}' is not valid: {ex.Code}: {ex.Message}");
                return new JsonataLiteral(null);
            }
        }

        switch (node)
        {
            case JsonObject obj:
                var fields = obj.Select(kv => new KeyValuePair<string, JsonataTemplate>(kv.Key, ReadTemplate(context, kv.Value, pointer + "/" + LoadContext.Escape(kv.Key)))).ToList();
                return fields.All(f => f.Value is JsonataLiteral) ? new JsonataLiteral(JsonValues.Clone(obj)) : new JsonataObjectTemplate(fields);
            case JsonArray array:
                var items = array.Select((item, i) => ReadTemplate(context, item, pointer + "/" + i.ToString(CultureInfo.InvariantCulture))).ToList();
                return items.All(i => i is JsonataLiteral) ? new JsonataLiteral(JsonValues.Clone(array)) : new JsonataArrayTemplate(items);
            default:
                return new JsonataLiteral(JsonValues.Clone(node));
        }
    }

    /// <summary>Attaches the JSONata fields of <paramref name="state"/> (already read as far as the shared loader goes).</summary>
    public static StateDefinition Attach(LoadContext context, StateDefinition state, JsonObject obj, string pointer)
    {
        JsonataTemplate? Field(string name) => obj.TryGetPropertyValue(name, out var node) ? ReadTemplate(context, node, pointer + "/" + name) : null;

        // Fields that also take a literal (a number, a text) are read by the shared loader; only expressions land here.
        JsonataTemplate? ExpressionOnly(string name) =>
            obj.TryGetPropertyValue(name, out var node) && IsExpression(node, out _) ? ReadTemplate(context, node, pointer + "/" + name) : null;

        var fields = new JsonataStateFields
        {
            Arguments = state is TaskState or ParallelState ? Field("Arguments") : null,
            Output = state is FailState ? null : Field("Output"),
            Assign = ReadAssign(context, obj, pointer),
            Items = state is MapState ? ReadItems(context, obj, pointer) : null,
            ItemSelector = state is MapState ? Field("ItemSelector") : null,
            Seconds = ExpressionOnly("Seconds"),
            Timestamp = ExpressionOnly("Timestamp"),
            Error = ExpressionOnly("Error"),
            Cause = ExpressionOnly("Cause"),
            TimeoutSeconds = ExpressionOnly("TimeoutSeconds"),
            HeartbeatSeconds = ExpressionOnly("HeartbeatSeconds"),
            MaxConcurrency = ExpressionOnly("MaxConcurrency"),
            ToleratedFailureCount = ExpressionOnly("ToleratedFailureCount"),
            ToleratedFailurePercentage = ExpressionOnly("ToleratedFailurePercentage"),
        };

        return state switch
        {
            // The literal texts of a Fail state stay; an expression replaces them at run time.
            FailState fail => fail with { Jsonata = fields, Error = fields.Error is null ? fail.Error : null, Cause = fields.Cause is null ? fail.Cause : null },
            _ => state with { Jsonata = fields },
        };
    }

    /// <summary>Reads a JSONata choice rule: Condition is a boolean or an expression; JSONPath comparisons are reported as such.</summary>
    public static ExpressionRule? ReadCondition(LoadContext context, JsonObject obj, string pointer, int index)
    {
        foreach (var (key, _) in obj)
        {
            if (JsonPathRuleFields.Contains(key))
            {
                context.Problem(pointer + "/" + LoadContext.Escape(key),
                    $"Field '{key}' is only supported when the QueryLanguage is JSONPath; a JSONata choice rule uses Condition with a {{% %}} expression.");
            }
        }

        context.CheckFields(obj, pointer, RuleFields.Concat(obj.Select(kv => kv.Key).Where(JsonPathRuleFields.Contains)));
        if (!obj.TryGetPropertyValue("Condition", out var condition))
        {
            context.Problem(pointer + "/Condition", "A JSONata choice rule requires Condition.");
            return null;
        }

        if (!IsExpression(condition, out _) && !JsonValues.IsBoolean(condition))
        {
            context.Problem(pointer + "/Condition", "Condition must be a boolean or a JSONata expression string \"{% ... %}\".");
            return null;
        }

        var location = string.Create(CultureInfo.InvariantCulture, $"Choices[{index}]");
        return new ExpressionRule(ReadTemplate(context, condition, pointer + "/Condition"), location + "/Condition");
    }

    /// <summary>Output and Assign of a Choice rule ("Choices[i]") or a Catcher ("Catch[i]").</summary>
    public static JsonataClauseFields ReadClause(LoadContext context, JsonObject obj, string pointer, string location)
    {
        if (location.StartsWith("Catch", StringComparison.Ordinal) && obj.ContainsKey("ResultPath"))
        {
            context.Problem(pointer + "/ResultPath", QueryLanguageFields.JsonPathOnlyMessage("ResultPath"));
        }

        var output = obj.TryGetPropertyValue("Output", out var node) ? ReadTemplate(context, node, pointer + "/Output") : null;
        return new JsonataClauseFields(location, output, ReadAssign(context, obj, pointer));
    }

    private static JsonataTemplate? ReadAssign(LoadContext context, JsonObject obj, string pointer)
    {
        if (!obj.TryGetPropertyValue("Assign", out var node))
        {
            return null;
        }

        if (node is not JsonObject assign)
        {
            context.Problem(pointer + "/Assign", "Assign must be an object of variable names to values.");
            return null;
        }

        context.CheckVariableNames(assign, pointer + "/Assign", jsonPath: false);
        return ReadTemplate(context, assign, pointer + "/Assign");
    }

    private static JsonataTemplate? ReadItems(LoadContext context, JsonObject obj, string pointer)
    {
        if (!obj.TryGetPropertyValue("Items", out var node))
        {
            return null;
        }

        // AWS: "Items" is a JSON array or a JSONata expression that evaluates to one.
        if (node is not JsonArray && !IsExpression(node, out _))
        {
            context.Problem(pointer + "/Items", "Items must be a JSON array or a JSONata expression string \"{% ... %}\" that evaluates to an array.");
            return null;
        }

        return ReadTemplate(context, node, pointer + "/Items");
    }
}
