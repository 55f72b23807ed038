namespace Orchestrator.States.Errors;

/// <summary>
/// Decides whether an error name is matched by a Retrier's or Catcher's ErrorEquals list — the one place these rules live:
/// "States.ALL" matches every error except the terminal States.Runtime and States.DataLimitExceeded;
/// "States.TaskFailed" matches every error except States.Timeout (and the same two terminal errors).
/// </summary>
public static class ErrorMatcher
{
    public static bool Matches(IReadOnlyList<string> errorEquals, string? error)
    {
        ArgumentNullException.ThrowIfNull(errorEquals);
        var name = error ?? string.Empty;
        foreach (var candidate in errorEquals)
        {
            if (Matches(candidate, name))
            {
                return true;
            }
        }

        return false;
    }

    public static bool Matches(string candidate, string error)
    {
        if (string.Equals(candidate, error, StringComparison.Ordinal))
        {
            return true;
        }

        var terminal = error is StatesErrorNames.Runtime or StatesErrorNames.DataLimitExceeded;
        return candidate switch
        {
            StatesErrorNames.All => !terminal,
            StatesErrorNames.TaskFailed => !terminal && error != StatesErrorNames.Timeout,
            _ => false,
        };
    }
}
