namespace Orchestrator.Ledger;

/// <summary>The status and trigger strings stored in DynamoDB (and written by the state machine: keep in step).</summary>
public static class RunStatusNames
{
    public const string Claimed = "CLAIMED";
    public const string Running = "RUNNING";
    public const string Succeeded = "SUCCEEDED";
    public const string Failed = "FAILED";
    public const string TimedOut = "TIMED_OUT";
    public const string Aborted = "ABORTED";
    public const string Skipped = "SKIPPED";

    public static string ToName(this RunStatus status) => status switch
    {
        RunStatus.Claimed => Claimed,
        RunStatus.Running => Running,
        RunStatus.Succeeded => Succeeded,
        RunStatus.Failed => Failed,
        RunStatus.TimedOut => TimedOut,
        RunStatus.Aborted => Aborted,
        RunStatus.Skipped => Skipped,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static RunStatus? Parse(string? name) => name switch
    {
        Claimed => RunStatus.Claimed,
        Running => RunStatus.Running,
        Succeeded => RunStatus.Succeeded,
        Failed => RunStatus.Failed,
        TimedOut => RunStatus.TimedOut,
        Aborted => RunStatus.Aborted,
        Skipped => RunStatus.Skipped,
        _ => null,
    };

    public static string ToName(this RunTrigger trigger) => trigger == RunTrigger.Manual ? "manual" : "schedule";

    public static RunTrigger ParseTrigger(string? name) => name == "manual" ? RunTrigger.Manual : RunTrigger.Schedule;
}
