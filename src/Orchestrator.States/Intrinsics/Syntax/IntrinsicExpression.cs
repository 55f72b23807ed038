using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.States.Intrinsics.Syntax;

/// <summary>A node of a parsed intrinsic call. Parsed once, immutable, evaluated many times.</summary>
internal abstract record IntrinsicExpression
{
    public abstract EvaluatedArgument Evaluate(IIntrinsicContext context);
}

/// <summary><c>States.Name(arguments)</c>.</summary>
internal sealed record FunctionCall(IIntrinsicFunction Function, ImmutableArray<IntrinsicExpression> Arguments)
    : IntrinsicExpression
{
    public override EvaluatedArgument Evaluate(IIntrinsicContext context) => new(Invoke(context), null);

    public JsonNode? Invoke(IIntrinsicContext context)
    {
        // AWS accepts a definition with a wrong argument count and fails the call when it runs.
        if (!Function.Arity.Accepts(Arguments.Length))
        {
            throw IntrinsicFailure.InvalidArguments(Function.Name);
        }

        var values = new EvaluatedArgument[Arguments.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Arguments[i].Evaluate(context);
        }

        return Function.Invoke(new IntrinsicArguments(Function.Name, values), context);
    }

    public IEnumerable<FunctionCall> SelfAndNestedCalls()
    {
        yield return this;
        foreach (var argument in Arguments)
        {
            if (argument is FunctionCall nested)
            {
                foreach (var call in nested.SelfAndNestedCalls())
                {
                    yield return call;
                }
            }
        }
    }
}

/// <summary>A path argument (<c>$.a</c>, <c>$$.Execution.Id</c>, <c>$var.x</c>), resolved by the engine.</summary>
internal sealed record PathArgument(string Path) : IntrinsicExpression
{
    public override EvaluatedArgument Evaluate(IIntrinsicContext context) => new(context.ResolvePath(Path), null);
}

/// <summary>A quoted string literal: its value and its text as written between the quotes.</summary>
internal sealed record StringLiteral(string Value, string EscapedText) : IntrinsicExpression
{
    public override EvaluatedArgument Evaluate(IIntrinsicContext context) => new(JsonValue.Create(Value), EscapedText);
}

/// <summary>A number, <c>true</c>, <c>false</c> or <c>null</c> literal (<see cref="Value"/> is null for <c>null</c>).</summary>
internal sealed record JsonLiteral(JsonElement? Value) : IntrinsicExpression
{
    // A fresh node per evaluation: a node can be attached to only one parent.
    public override EvaluatedArgument Evaluate(IIntrinsicContext context) =>
        new(Value is { } element ? JsonValue.Create(element) : null, null);
}
