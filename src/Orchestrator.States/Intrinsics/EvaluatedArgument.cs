using System.Text.Json.Nodes;

namespace Orchestrator.States.Intrinsics;

/// <summary>
/// One argument after evaluation. <see cref="EscapedText"/> keeps a string literal as written (escapes intact) so
/// States.Format can tell an escaped <c>\{</c> from a placeholder; it is null for every other kind of argument.
/// </summary>
internal readonly record struct EvaluatedArgument(JsonNode? Value, string? EscapedText);
