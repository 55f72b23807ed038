using System.Globalization;
using Orchestrator.Ledger;

namespace Orchestrator.Cli.Runs;

/// <summary>How runs print: one aligned line per run, and words for durations.</summary>
internal static class RunFormat
{
    public static string Duration(RunRecord run)
    {
        var ms = run.DurationMs ?? (run.StartedAt is { } s && run.EndedAt is { } e ? (long)(e - s).TotalMilliseconds : (long?)null);
        return ms is null ? "-" : Duration(TimeSpan.FromMilliseconds(ms.Value));
    }

    public static string Duration(TimeSpan span) => span.TotalSeconds < 60
        ? span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s"
        : span.TotalMinutes < 60 ? $"{(int)span.TotalMinutes}m{span.Seconds:00}s" : $"{(int)span.TotalHours}h{span.Minutes:00}m";

    public static string Time(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";

    public static string Status(RunStatus status) => status.ToName();

    public static void Table(TextWriter output, IReadOnlyList<RunRecord> runs)
    {
        string[] header = ["RUN AT", "JOB", "RUN ID", "TRIGGER", "STATUS", "ATTEMPTS", "EXIT", "DURATION"];
        var rows = runs.Select(r => new[]
        {
            Time(r.RunAt), r.Job, r.RunId, r.Trigger.ToName(), Status(r.Status), r.Attempts.Length.ToString(CultureInfo.InvariantCulture),
            r.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "-", Duration(r),
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(row => row[i].Length))).ToArray();
        output.WriteLine(string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var row in rows)
        {
            output.WriteLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        }
    }
}
