using System.Text.RegularExpressions;
using Orchestrator.Jsonata.Evaluation;

namespace Orchestrator.Jsonata.Parsing;

/// <summary>Regex literals and tail-call marking in lambda bodies.</summary>
internal sealed partial class Compiler
{
    private static Regex BuildRegex(Syntax s)
    {
        var options = RegexOptions.CultureInvariant;
        var flags = s.RegexFlags ?? string.Empty;
        if (flags.Contains('i', StringComparison.Ordinal))
        {
            options |= RegexOptions.IgnoreCase;
        }

        if (flags.Contains('m', StringComparison.Ordinal))
        {
            options |= RegexOptions.Multiline;
        }

        try
        {
            return new Regex(JavaScriptRegex.Translate(s.Value!, flags.Contains('m', StringComparison.Ordinal)), options, TimeSpan.FromSeconds(5));
        }
        catch (ArgumentException ex)
        {
            throw new JsonataException("S0301", s.Position, "Invalid regular expression: " + ex.Message);
        }
    }

    /// <summary>Marks calls in tail position of a lambda body so recursion through them runs in a loop.</summary>
    private static void MarkTailCalls(Node body)
    {
        if (body.Predicates is not null || body.Stages is not null || body.Group is not null || body.KeepArray)
        {
            return;
        }

        switch (body)
        {
            case CallNode call:
                call.IsTailCall = true;
                break;
            case ConditionNode condition:
                MarkTailCalls(condition.Then);
                if (condition.Else is not null)
                {
                    MarkTailCalls(condition.Else);
                }

                break;
            case BlockNode { Expressions.Count: > 0 } block:
                MarkTailCalls(block.Expressions[^1]);
                break;
        }
    }
}
