using System.Text.Json.Nodes;
using Orchestrator.Jsonata;

namespace Orchestrator.States.Model;

/// <summary>
/// A JSONata-state field value as written (Arguments, Output, Assign, Items, ItemSelector, ...): any JSON value in
/// which a string that starts with "{%" and ends with "%}" is an expression; every other value is copied as is.
/// </summary>
public abstract record JsonataTemplate;

/// <summary>A value with no expression anywhere inside it.</summary>
public sealed record JsonataLiteral(JsonNode? Value) : JsonataTemplate;

/// <summary>A "{% ... %}" string; Text is the expression between the delimiters, trimmed, as AWS quotes it in causes.</summary>
public sealed record JsonataExpressionTemplate(string Text, JsonataExpression Expression) : JsonataTemplate;

/// <summary>An object with at least one expression among its values, keys kept in order.</summary>
public sealed record JsonataObjectTemplate(IReadOnlyList<KeyValuePair<string, JsonataTemplate>> Fields) : JsonataTemplate;

/// <summary>An array with at least one expression among its items.</summary>
public sealed record JsonataArrayTemplate(IReadOnlyList<JsonataTemplate> Items) : JsonataTemplate;

/// <summary>
/// The JSONata fields of a state (QueryLanguage JSONata). Numbers and texts given literally stay in the state's own
/// fields (Seconds, Error, TimeoutSeconds, ...); only expressions are kept here.
/// </summary>
public sealed record JsonataStateFields
{
    public JsonataTemplate? Arguments { get; init; }

    public JsonataTemplate? Output { get; init; }

    public JsonataTemplate? Assign { get; init; }

    public JsonataTemplate? Items { get; init; }

    public JsonataTemplate? ItemSelector { get; init; }

    public JsonataTemplate? Seconds { get; init; }

    public JsonataTemplate? Timestamp { get; init; }

    public JsonataTemplate? Error { get; init; }

    public JsonataTemplate? Cause { get; init; }

    public JsonataTemplate? TimeoutSeconds { get; init; }

    public JsonataTemplate? HeartbeatSeconds { get; init; }

    public JsonataTemplate? MaxConcurrency { get; init; }

    public JsonataTemplate? ToleratedFailureCount { get; init; }

    public JsonataTemplate? ToleratedFailurePercentage { get; init; }
}

/// <summary>
/// Output and Assign of a JSONata Choice rule or Catcher; Location is how AWS names the rule in causes
/// (e.g. "Choices[1]", "Catch[0]"), so a failing field reads "Choices[1]/Output/v".
/// </summary>
public sealed record JsonataClauseFields(string Location, JsonataTemplate? Output, JsonataTemplate? Assign);
