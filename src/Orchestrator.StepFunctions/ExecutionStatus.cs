namespace Orchestrator.StepFunctions;

/// <summary>
/// Execution status values as the API spells them. Kept as strings on the models so a status AWS adds later
/// (as PENDING_REDRIVE was in 2023) still parses.
/// </summary>
public static class ExecutionStatus
{
    public const string Running = "RUNNING";
    public const string Succeeded = "SUCCEEDED";
    public const string Failed = "FAILED";
    public const string TimedOut = "TIMED_OUT";
    public const string Aborted = "ABORTED";
    public const string PendingRedrive = "PENDING_REDRIVE";
}

/// <summary>Redrive-related values: DescribeExecution's redriveStatus and ListExecutions' redriveFilter.</summary>
public static class RedriveValues
{
    public const string Redrivable = "REDRIVABLE";
    public const string NotRedrivable = "NOT_REDRIVABLE";
    public const string RedrivableByMapRun = "REDRIVABLE_BY_MAP_RUN";

    public const string FilterRedriven = "REDRIVEN";
    public const string FilterNotRedriven = "NOT_REDRIVEN";
}
