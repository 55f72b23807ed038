using System.Text;
using System.Text.Json;

namespace Orchestrator.Starter;

/// <summary>
/// One structured JSON line per invocation, which is also a CloudWatch Embedded Metric Format record: the metric
/// <c>Runs</c> counted by <c>Outcome</c> (Started, Duplicate, Skipped, Resumed, Finalized, Invalid, Error).
/// Never logs the event payload or anything credential-like.
/// </summary>
public sealed class InvocationLog(TextWriter output, TimeProvider time)
{
    public const string Namespace = "Orchestrator";

    public void Write(InvocationLogEntry entry)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("_aws");
            json.WriteNumber("Timestamp", time.GetUtcNow().ToUnixTimeMilliseconds());
            json.WriteStartArray("CloudWatchMetrics");
            json.WriteStartObject();
            json.WriteString("Namespace", Namespace);
            json.WriteStartArray("Dimensions");
            json.WriteStartArray();
            json.WriteStringValue("Outcome");
            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteStartArray("Metrics");
            json.WriteStartObject();
            json.WriteString("Name", "Runs");
            json.WriteString("Unit", "Count");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteString("level", entry.Outcome is "Invalid" or "Error" ? "ERROR" : "INFO");
            json.WriteString("Outcome", entry.Outcome);
            json.WriteNumber("Runs", 1);
            WriteOptional(json, "job", entry.Job);
            WriteOptional(json, "runId", entry.RunId);
            WriteOptional(json, "executionArn", entry.ExecutionArn);
            WriteOptional(json, "reason", entry.Reason);
            WriteOptional(json, "requestId", entry.RequestId);
            json.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 2));
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        output.Flush();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}

public sealed record InvocationLogEntry
{
    public required string Outcome { get; init; }

    public required TimeSpan Duration { get; init; }

    public string? Job { get; init; }

    public string? RunId { get; init; }

    public string? ExecutionArn { get; init; }

    public string? Reason { get; init; }

    public string? RequestId { get; init; }
}
