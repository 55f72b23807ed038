using System.Text.Json.Nodes;
using Orchestrator.States.Paths;

namespace Orchestrator.States.Model;

/// <summary>A boolean rule of a Choice state.</summary>
public abstract record ChoiceRule;

public sealed record AndRule(IReadOnlyList<ChoiceRule> Rules) : ChoiceRule;

public sealed record OrRule(IReadOnlyList<ChoiceRule> Rules) : ChoiceRule;

public sealed record NotRule(ChoiceRule Rule) : ChoiceRule;

/// <summary>Variable compared with a literal (Operand) or, for the ...Path forms, with the value at OperandPath.</summary>
public sealed record ComparisonRule(JsonPathExpression Variable, ComparisonOperator Operator, JsonNode? Operand, JsonPathExpression? OperandPath) : ChoiceRule;

/// <summary>A top-level Choices entry; Jsonata holds its Output and Assign in a JSONata state.</summary>
public sealed record ChoiceBranch(ChoiceRule Rule, string Next, PayloadTemplate? Assign)
{
    public JsonataClauseFields? Jsonata { get; init; }
}

public enum ComparisonOperator
{
    BooleanEquals,
    NumericEquals,
    NumericGreaterThan,
    NumericGreaterThanEquals,
    NumericLessThan,
    NumericLessThanEquals,
    StringEquals,
    StringGreaterThan,
    StringGreaterThanEquals,
    StringLessThan,
    StringLessThanEquals,
    StringMatches,
    TimestampEquals,
    TimestampGreaterThan,
    TimestampGreaterThanEquals,
    TimestampLessThan,
    TimestampLessThanEquals,
    IsNull,
    IsPresent,
    IsNumeric,
    IsString,
    IsBoolean,
    IsTimestamp,
}

/// <summary>A JSONata choice rule: Condition (a boolean or an expression); Location names it in causes ("Choices[0]/Condition").</summary>
public sealed record ExpressionRule(JsonataTemplate Condition, string Location) : ChoiceRule;
