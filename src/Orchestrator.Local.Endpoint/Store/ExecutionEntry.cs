using Orchestrator.States.Execution;
using Orchestrator.States.Json;

namespace Orchestrator.Local.Endpoint.Store;

/// <summary>One execution the endpoint started, with what the engine does not keep: the input text as sent, list order, redrive bookkeeping.</summary>
internal sealed class ExecutionEntry(StateMachineExecution execution, RegisteredStateMachine machine, string inputText, long sequence, string? traceHeader)
{
    /// <summary>AWS: "idempotent responses for the last 10 client tokens used to successfully redrive the execution".</summary>
    private const int RememberedRedriveTokens = 10;

    private readonly Lock _gate = new();
    private readonly List<(string Token, DateTimeOffset RedriveDate)> _redriveTokens = [];

    public StateMachineExecution Execution { get; } = execution;

    public RegisteredStateMachine Machine { get; } = machine;

    /// <summary>StartExecution compares inputs as text, as AWS does, so the text is kept verbatim.</summary>
    public string InputText { get; } = inputText;

    /// <summary>Start order across all executions: ListExecutions sorts newest first and pages by it.</summary>
    public long Sequence { get; } = sequence;

    public string? TraceHeader { get; } = traceHeader;

    public DateTimeOffset? RedriveDate { get; private set; }

    /// <summary>A consistent view: the engine's Result is the one value that says both status and outcome.</summary>
    public ExecutionView View()
    {
        var result = Execution.Result;
        var status = result is null ? "RUNNING" : ExecutionStatusNames.Of(result.Status);
        var (redriveStatus, reason) = result?.Status switch
        {
            null => ("NOT_REDRIVABLE", "Execution is RUNNING and cannot be redriven"),
            ExecutionStatus.Succeeded => ("NOT_REDRIVABLE", "Execution is SUCCEEDED and cannot be redriven"),
            _ => ("REDRIVABLE", (string?)null),
        };
        return new ExecutionView
        {
            Status = status,
            StopDate = result is null ? null : Execution.StopDate,
            Output = result?.Status == ExecutionStatus.Succeeded ? JsonValues.ToJson(result.Output) : null,
            Error = result?.Error,
            Cause = result?.Cause,
            RedriveCount = Execution.RedriveCount,
            RedriveDate = RedriveDate,
            RedriveStatus = redriveStatus,
            RedriveStatusReason = reason,
        };
    }

    /// <summary>The redrive date an earlier call with this client token got, if it is one of the last ten.</summary>
    public DateTimeOffset? RedriveFor(string? clientToken)
    {
        if (clientToken is null)
        {
            return null;
        }

        lock (_gate)
        {
            return _redriveTokens.FirstOrDefault(t => t.Token == clientToken) is { Token: not null } hit ? hit.RedriveDate : null;
        }
    }

    public void Redriven(DateTimeOffset when, string? clientToken)
    {
        lock (_gate)
        {
            RedriveDate = when;
            if (clientToken is null)
            {
                return;
            }

            _redriveTokens.Add((clientToken, when));
            if (_redriveTokens.Count > RememberedRedriveTokens)
            {
                _redriveTokens.RemoveAt(0);
            }
        }
    }
}

/// <summary>The status-dependent half of DescribeExecution, read at one moment.</summary>
internal sealed record ExecutionView
{
    public required string Status { get; init; }

    public DateTimeOffset? StopDate { get; init; }

    public string? Output { get; init; }

    public string? Error { get; init; }

    public string? Cause { get; init; }

    public int RedriveCount { get; init; }

    public DateTimeOffset? RedriveDate { get; init; }

    public required string RedriveStatus { get; init; }

    public string? RedriveStatusReason { get; init; }
}

internal static class ExecutionStatusNames
{
    public static string Of(ExecutionStatus status) => status switch
    {
        ExecutionStatus.Running => "RUNNING",
        ExecutionStatus.Succeeded => "SUCCEEDED",
        ExecutionStatus.Failed => "FAILED",
        ExecutionStatus.TimedOut => "TIMED_OUT",
        _ => "ABORTED",
    };
}
