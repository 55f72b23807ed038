using Orchestrator.States.Errors;

namespace Orchestrator.States.Intrinsics;

/// <summary>
/// The failures an intrinsic raises while running. AWS reports every intrinsic processing error as
/// <c>States.Runtime</c> (<c>States.IntrinsicFailure</c> is reserved and never raised) with the cause
/// "Invalid arguments in States.X", whatever the argument problem was.
/// </summary>
internal static class IntrinsicFailure
{
    public const string ErrorName = "States.Runtime";

    public static StatesException InvalidArguments(string functionName) =>
        new(ErrorName, "Invalid arguments in " + functionName);

    /// <summary>An expression that could not be parsed reached evaluation (the definition was not validated).</summary>
    public static StatesException Malformed(string expression, string problem) =>
        new(ErrorName, "The intrinsic function '" + expression + "' is invalid: " + problem);
}
