using System.Text.Json.Nodes;

namespace Orchestrator.States.Intrinsics;

/// <summary>One <c>States.*</c> function: its name, how many arguments it takes and what it computes from them.</summary>
internal interface IIntrinsicFunction
{
    /// <summary>The full name as written in a definition, e.g. <c>States.Format</c>.</summary>
    string Name { get; }

    Arity Arity { get; }

    /// <summary>Compute the result; arguments are already evaluated and their count is within <see cref="Arity"/>.</summary>
    JsonNode? Invoke(IntrinsicArguments arguments, IIntrinsicContext context);
}
