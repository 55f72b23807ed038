using System.Text.Json.Nodes;

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

    /// <summary>What a Catcher passes on: {"Error": ..., "Cause": ...}, each only when present.</summary>
    // The keys are AWS's names; that they equal this record's property names is a coincidence, not a nameof.
#pragma warning disable CA1507
    public JsonObject ToErrorOutput()
    {
        var output = new JsonObject();
        if (Error is not null)
        {
            output["Error"] = Error;
        }

        if (Cause is not null)
        {
            output["Cause"] = Cause;
        }

        return output;
    }
#pragma warning restore CA1507
}
