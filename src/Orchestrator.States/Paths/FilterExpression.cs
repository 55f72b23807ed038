using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Orchestrator.States.Json;

namespace Orchestrator.States.Paths;

/// <summary>A filter predicate <c>[?(...)]</c>: comparisons of relative (<c>@</c>) or absolute (<c>$</c>) paths and literals.</summary>
public abstract record FilterExpression
{
    public abstract bool Test(JsonNode? current, JsonNode? root);
}

public sealed record FilterAnd(FilterExpression Left, FilterExpression Right) : FilterExpression
{
    public override bool Test(JsonNode? current, JsonNode? root) => Left.Test(current, root) && Right.Test(current, root);
}

public sealed record FilterOr(FilterExpression Left, FilterExpression Right) : FilterExpression
{
    public override bool Test(JsonNode? current, JsonNode? root) => Left.Test(current, root) || Right.Test(current, root);
}

public sealed record FilterNot(FilterExpression Operand) : FilterExpression
{
    public override bool Test(JsonNode? current, JsonNode? root) => !Operand.Test(current, root);
}

/// <summary>A bare operand used as a predicate: a path is true when it exists, a literal when it is true.</summary>
public sealed record FilterExists(FilterOperand Operand) : FilterExpression
{
    public override bool Test(JsonNode? current, JsonNode? root)
    {
        var (found, value) = Operand.Resolve(current, root);
        if (!found)
        {
            return false;
        }

        return Operand is not FilterLiteral || (JsonValues.TryGetBoolean(value, out var b) && b);
    }
}

public sealed record FilterComparison(FilterOperand Left, string Operator, FilterOperand Right) : FilterExpression
{
    public override bool Test(JsonNode? current, JsonNode? root)
    {
        var (lf, lv) = Left.Resolve(current, root);
        var (rf, rv) = Right.Resolve(current, root);
        if (!lf || !rf)
        {
            return Operator == "!=" && lf != rf;
        }

        switch (Operator)
        {
            case "==":
                return JsonValues.DeepEquals(lv, rv);
            case "!=":
                return !JsonValues.DeepEquals(lv, rv);
            case "=~":
                return JsonValues.TryGetString(lv, out var text) && Right is FilterRegex regex && regex.Pattern.IsMatch(text);
        }

        int order;
        if (JsonValues.IsNumber(lv) && JsonValues.IsNumber(rv))
        {
            order = JsonValues.CompareNumbers(lv!, rv!);
        }
        else if (JsonValues.TryGetString(lv, out var ls) && JsonValues.TryGetString(rv, out var rs))
        {
            order = string.CompareOrdinal(ls, rs);
        }
        else
        {
            return false;
        }

        return Operator switch
        {
            "<" => order < 0,
            "<=" => order <= 0,
            ">" => order > 0,
            ">=" => order >= 0,
            _ => false,
        };
    }
}

public abstract record FilterOperand
{
    public abstract (bool Found, JsonNode? Value) Resolve(JsonNode? current, JsonNode? root);
}

public sealed record FilterLiteral(JsonNode? Value) : FilterOperand
{
    public override (bool Found, JsonNode? Value) Resolve(JsonNode? current, JsonNode? root) => (true, Value);
}

public sealed record FilterRegex(Regex Pattern) : FilterOperand
{
    public override (bool Found, JsonNode? Value) Resolve(JsonNode? current, JsonNode? root) => (true, null);
}

/// <summary>A path inside a filter; Relative paths start at <c>@</c>, others at the document root.</summary>
public sealed record FilterPath(bool Relative, IReadOnlyList<PathSegment> Segments) : FilterOperand
{
    public override (bool Found, JsonNode? Value) Resolve(JsonNode? current, JsonNode? root)
    {
        var start = Relative ? current : root;
        var matches = JsonPathEvaluator.Select(start, Segments, root);
        if (Segments.All(s => s.IsSingular))
        {
            return matches.Count == 1 ? (true, matches[0]) : (false, null);
        }

        var array = new JsonArray();
        foreach (var m in matches)
        {
            array.Add(JsonValues.Clone(m));
        }

        return (true, array);
    }
}
