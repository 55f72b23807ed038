namespace Orchestrator.Scheduling.Schedules;

/// <summary>
/// An EventBridge Scheduler schedule expression: <c>cron(...)</c>, <c>rate(...)</c> or <c>at(...)</c>, parsed once and
/// immutable. Time zone and start/end bounds belong to <see cref="Schedule"/>, not to the expression.
/// </summary>
public abstract record ScheduleExpression
{
    /// <summary>The expression as written in the template.</summary>
    public required string Text { get; init; }

    /// <summary>Plain-English wording of the expression, without time zone.</summary>
    public abstract string Describe();

    /// <summary>Parses an expression; <paramref name="error"/> says what is wrong and how to fix it when it returns false.</summary>
    public static bool TryParse(string? text, out ScheduleExpression? expression, out string? error)
    {
        expression = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the schedule expression is empty; use cron(minutes hours day-of-month month day-of-week year), rate(value unit) or at(yyyy-mm-ddThh:mm:ss)";
            return false;
        }

        var trimmed = text.Trim();
        if (TryBody(trimmed, "cron", out var body))
        {
            expression = CronExpression.Parse(trimmed, body, out error);
        }
        else if (TryBody(trimmed, "rate", out body))
        {
            expression = RateExpression.Parse(trimmed, body, out error);
        }
        else if (TryBody(trimmed, "at", out body))
        {
            expression = AtExpression.Parse(trimmed, body, out error);
        }
        else
        {
            error = $"'{trimmed}' is not a schedule expression; use cron(minutes hours day-of-month month day-of-week year), rate(value unit) or at(yyyy-mm-ddThh:mm:ss)";
        }

        return expression is not null;
    }

    /// <summary>Parses an expression or throws <see cref="FormatException"/> with the reason.</summary>
    public static ScheduleExpression Parse(string text) =>
        TryParse(text, out var expression, out var error) ? expression! : throw new FormatException(error);

    public sealed override string ToString() => Text;

    private static bool TryBody(string text, string keyword, out string body)
    {
        body = "";
        if (!text.StartsWith(keyword + "(", StringComparison.Ordinal) || !text.EndsWith(')'))
        {
            return false;
        }

        body = text[(keyword.Length + 1)..^1];
        return true;
    }
}
