using System.Text.Json.Nodes;

namespace Orchestrator.States.Intrinsics;

/// <summary>
/// What an intrinsic function call may read from the running state: path arguments (<c>$.x</c>, <c>$$.Execution.Id</c>,
/// <c>$var.x</c>) are resolved by the engine, which applies its own JSONPath rules and raises States.Runtime for a
/// missing path. Randomness is injected so tests and replays are deterministic.
/// </summary>
public interface IIntrinsicContext
{
    /// <summary>Resolve a path argument exactly as written in the call (starts with <c>$</c>).</summary>
    JsonNode? ResolvePath(string path);

    /// <summary>Source for States.MathRandom (seeded or not) and States.UUID.</summary>
    Random Random { get; }
}
