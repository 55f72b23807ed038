namespace Orchestrator.States.Errors;

/// <summary>
/// An ASL runtime error raised while evaluating a path, an intrinsic function or a state's fields.
/// The state executor turns it into a failure value (Error + Cause) that Retry/Catch see; it never escapes the engine.
/// </summary>
public sealed class StatesException(string error, string cause) : Exception(cause)
{
    /// <summary>The ASL error name, e.g. <c>States.Runtime</c> or <c>States.IntrinsicFailure</c>.</summary>
    public string Error { get; } = error;

    /// <summary>The human-readable cause, worded as AWS words it where the corpus records it.</summary>
    public string Cause { get; } = cause;

    /// <summary>The field of the state that failed to evaluate, as AWS names it (e.g. "Output/v"), when known.</summary>
    public string? Location { get; init; }
}
