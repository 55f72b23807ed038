using System.Globalization;
using System.Text.Json;
using Orchestrator.Ledger;

namespace Orchestrator.Starter;

/// <summary>
/// Applies an EventBridge "Step Functions Execution Status Change" event to the ledger: a run whose execution was
/// stopped, timed out or failed outside the workflow's own error handling still reaches a terminal status.
/// </summary>
public sealed class RunFinalizer(RunLedger ledger)
{
    public const string Source = "aws.states";
    public const string DetailType = "Step Functions Execution Status Change";

    public static bool IsStatusChange(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object
        && root.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.String && source.GetString() == Source;

    /// <summary>Parses the event; problems are listed when it returns null.</summary>
    public static ExecutionEnd? Parse(JsonElement root, List<string> problems)
    {
        if (!root.TryGetProperty("detail", out var detail) || detail.ValueKind != JsonValueKind.Object)
        {
            problems.Add("detail: missing; expected the Step Functions execution status change detail object");
            return null;
        }

        var name = Text(detail, "name");
        var arn = Text(detail, "executionArn");
        var statusText = Text(detail, "status");
        var status = statusText switch
        {
            "SUCCEEDED" => RunStatus.Succeeded,
            "FAILED" => RunStatus.Failed,
            "TIMED_OUT" => RunStatus.TimedOut,
            "ABORTED" => RunStatus.Aborted,
            _ => (RunStatus?)null,
        };
        var start = EpochMs(detail, "startDate");
        var stop = EpochMs(detail, "stopDate");
        if (name is null) { problems.Add("detail.name: missing"); }
        if (arn is null) { problems.Add("detail.executionArn: missing"); }
        if (status is null) { problems.Add($"detail.status: expected SUCCEEDED, FAILED, TIMED_OUT or ABORTED, got {statusText ?? "nothing"}"); }
        if (start is null) { problems.Add("detail.startDate: missing (epoch milliseconds)"); }
        if (problems.Count > 0)
        {
            return null;
        }

        return new ExecutionEnd
        {
            RunId = name!,
            ExecutionArn = arn!,
            Status = status!.Value,
            StartDate = start!.Value,
            StopDate = stop ?? start!.Value,
            Job = JobFromInput(Text(detail, "input")),
            Error = Text(detail, "error"),
            Cause = Text(detail, "cause"),
        };
    }

    public Task<bool> FinalizeAsync(ExecutionEnd end, CancellationToken cancellationToken = default) => ledger.FinalizeAsync(end, cancellationToken);

    private static string? JobFromInput(string? input)
    {
        if (string.IsNullOrEmpty(input))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(input);
            return document.RootElement.ValueKind == JsonValueKind.Object ? Text(document.RootElement, "job") : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? EpochMs(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms),
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms),
            _ => null,
        };
    }
}
