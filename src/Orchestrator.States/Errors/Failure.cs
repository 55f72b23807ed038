namespace Orchestrator.States.Errors;

/// <summary>An ASL error as a value: what Retry and Catch match on and what a failed execution reports.</summary>
public sealed record Failure(string? Error, string? Cause)
{
    public static Failure From(StatesException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new Failure(exception.Error, exception.Cause);
    }

    public static Failure Runtime(string cause) => new(StatesErrorNames.Runtime, cause);
}
