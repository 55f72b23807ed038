using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Orchestrator.Ledger;

namespace Orchestrator.Cli.Runs;

/// <summary>Runs as JSON for scripts (--json): the ledger's fields, with attempts.</summary>
internal static class RunJson
{
    public static string Write(IEnumerable<RunRecord> runs, Action<Utf8JsonWriter, RunRecord>? extra = null, bool single = false)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            if (!single)
            {
                json.WriteStartArray();
            }

            foreach (var run in runs)
            {
                WriteRun(json, run, extra);
            }

            if (!single)
            {
                json.WriteEndArray();
            }
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteRun(Utf8JsonWriter json, RunRecord run, Action<Utf8JsonWriter, RunRecord>? extra)
    {
        json.WriteStartObject();
        json.WriteString("runId", run.RunId);
        json.WriteString("job", run.Job);
        json.WriteString("trigger", run.Trigger.ToName());
        json.WriteString("status", run.Status.ToName());
        json.WriteString("runAt", RunLedger.Iso(run.RunAt));
        Optional(json, "scheduledTime", run.ScheduledTime);
        Optional(json, "startedAt", run.StartedAt);
        Optional(json, "endedAt", run.EndedAt);
        if (run.DurationMs is { } ms)
        {
            json.WriteNumber("durationMs", ms);
        }

        if (run.ExitCode is { } exit)
        {
            json.WriteNumber("exitCode", exit);
        }

        Optional(json, "error", run.Error);
        Optional(json, "skipReason", run.SkipReason);
        Optional(json, "executionArn", run.ExecutionArn);
        json.WriteNumber("redriveCount", run.RedriveCount);
        json.WriteStartArray("attempts");
        foreach (var attempt in run.Attempts)
        {
            json.WriteStartObject();
            json.WriteString("kind", attempt.Kind);
            Optional(json, "taskArn", attempt.TaskArn);
            Optional(json, "stopCode", attempt.StopCode);
            Optional(json, "stoppedReason", attempt.StoppedReason);
            if (attempt.ExitCode is { } code)
            {
                json.WriteNumber("exitCode", code);
            }

            Optional(json, "containerReason", attempt.ContainerReason);
            Optional(json, "error", attempt.Error);
            Optional(json, "cause", attempt.Cause);
            Optional(json, "startedAt", attempt.StartedAt);
            Optional(json, "stoppedAt", attempt.StoppedAt);
            Optional(json, "logStream", attempt.LogStream);
            json.WriteNumber("redriveCount", attempt.RedriveCount);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        extra?.Invoke(json, run);
        json.WriteEndObject();
    }

    private static void Optional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static void Optional(Utf8JsonWriter json, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            json.WriteString(name, time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        }
    }
}
