namespace Orchestrator.States.Errors;

/// <summary>Every predefined <c>States.*</c> error name of the Amazon States Language, in one place.</summary>
public static class StatesErrorNames
{
    public const string All = "States.ALL";
    public const string BranchFailed = "States.BranchFailed";
    public const string DataLimitExceeded = "States.DataLimitExceeded";
    public const string ExceedToleratedFailureThreshold = "States.ExceedToleratedFailureThreshold";
    public const string HeartbeatTimeout = "States.HeartbeatTimeout";
    public const string HttpSocket = "States.Http.Socket";
    public const string IntrinsicFailure = "States.IntrinsicFailure";
    public const string ItemReaderFailed = "States.ItemReaderFailed";
    public const string NoChoiceMatched = "States.NoChoiceMatched";
    public const string ParameterPathFailure = "States.ParameterPathFailure";
    public const string Permissions = "States.Permissions";
    public const string QueryEvaluationError = "States.QueryEvaluationError";
    public const string ResultPathMatchFailure = "States.ResultPathMatchFailure";
    public const string ResultWriterFailed = "States.ResultWriterFailed";
    public const string Runtime = "States.Runtime";
    public const string TaskFailed = "States.TaskFailed";
    public const string Timeout = "States.Timeout";

    /// <summary>The names a Retrier or Catcher may list; anything else starting with <c>States.</c> is a definition error.</summary>
    public static IReadOnlySet<string> Known { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        All, BranchFailed, DataLimitExceeded, ExceedToleratedFailureThreshold, HeartbeatTimeout, HttpSocket,
        IntrinsicFailure, ItemReaderFailed, NoChoiceMatched, ParameterPathFailure, Permissions, QueryEvaluationError,
        ResultPathMatchFailure, ResultWriterFailed, Runtime, TaskFailed, Timeout,
    };
}
