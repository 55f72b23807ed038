using System.Text.Json.Nodes;
using Orchestrator.States.Model;

namespace Orchestrator.States.Loading;

/// <summary>
/// Which state fields belong to one query language only. AWS: a JSONata state has Arguments and Output instead of the
/// five JSONPath fields (InputPath, Parameters, ResultSelector, ResultPath, OutputPath) and no *Path fields; a
/// JSONPath state has no Arguments, Output or Items. Assign belongs to both.
/// </summary>
internal static class QueryLanguageFields
{
    public static readonly IReadOnlyList<string> JsonataOnly = ["Output", "Arguments", "Items"];

    public static readonly IReadOnlyList<string> JsonPathOnly =
    [
        "InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath", "Result", "ItemsPath",
        "SecondsPath", "TimestampPath", "ErrorPath", "CausePath", "TimeoutSecondsPath", "HeartbeatSecondsPath",
        "MaxConcurrencyPath", "ToleratedFailureCountPath", "ToleratedFailurePercentagePath",
    ];

    public static string JsonataOnlyMessage(string field) =>
        $"Field '{field}' is only supported when the QueryLanguage is JSONata; this state's QueryLanguage is JSONPath.";

    public static string JsonPathOnlyMessage(string field) =>
        $"Field '{field}' is only supported when the QueryLanguage is JSONPath; this state's QueryLanguage is JSONata (use Arguments, Output and {{% %}} expressions instead).";

    /// <summary>Reports each field of the other language among <paramref name="allowedForType"/> (others are reported as unknown).</summary>
    public static void Check(LoadContext context, JsonObject state, string pointer, QueryLanguage language, IReadOnlyCollection<string> allowedForType)
    {
        var (foreign, message) = language == QueryLanguage.Jsonata
            ? (JsonPathOnly, (Func<string, string>)JsonPathOnlyMessage)
            : (JsonataOnly, JsonataOnlyMessage);
        foreach (var field in foreign)
        {
            if (state.ContainsKey(field) && allowedForType.Contains(field))
            {
                context.Problem(pointer + "/" + field, message(field));
            }
        }
    }
}
