using System.Collections.Immutable;

namespace Orchestrator.States.Intrinsics.Syntax;

/// <summary>
/// The outcome of parsing one expression: the call tree, or the syntax error that prevented it, plus every
/// load-time problem (syntax, unknown function, argument count) for <see cref="IntrinsicFunctions.Validate"/>.
/// </summary>
internal sealed record ParsedIntrinsic(FunctionCall? Call, string? SyntaxError, ImmutableArray<string> Problems)
{
    public static ParsedIntrinsic Failed(string syntaxError) => new(null, syntaxError, [syntaxError]);

    public static ParsedIntrinsic Succeeded(FunctionCall call)
    {
        var problems = call.SelfAndNestedCalls()
            .Where(nested => !nested.Function.Arity.Accepts(nested.Arguments.Length))
            .Select(nested => nested.Function.Name + ": " + nested.Function.Arity.Describe(nested.Arguments.Length))
            .ToImmutableArray();
        return new(call, null, problems);
    }
}
