using System.CommandLine;
using System.Globalization;
using Orchestrator.Ledger;
using Orchestrator.StepFunctions;

namespace Orchestrator.Cli.Runs;

/// <summary>`orchestrator run show RUNID`: the record, every attempt (stop code, reason, exit code, log), and the execution history.</summary>
internal static class RunShowCommand
{
    public static Command Create(CliConsole console)
    {
        var aws = new AwsConnectionOptions();
        var runId = new Argument<string>("run-id") { Description = "The run id (= execution name), e.g. nightly-report-20261121T020000Z." };
        var json = new Option<bool>("--json") { Description = "JSON instead of text." };
        var command = new Command("show", "Show one run: status, attempts with stop codes, stopped reasons, exit codes and log streams, and its execution history.");
        command.Arguments.Add(runId);
        aws.AddTo(command);
        command.Options.Add(json);
        command.SetAction(async (parse, cancellation) =>
        {
            using var connection = aws.Connect(parse, console);
            if (connection is null)
            {
                return 2;
            }

            var id = parse.GetValue(runId)!;
            RunRecord? run;
            try
            {
                run = await connection.Ledger.GetAsync(id, cancellation);
            }
            catch (Exception ex) when (ex is Amazon.Runtime.AmazonServiceException or HttpRequestException)
            {
                console.Error.WriteLine($"Could not read the run ledger: {ex.Message}");
                return 2;
            }

            if (run is null)
            {
                console.Error.WriteLine($"No run '{id}' in table {connection.Ledger.TableName}. `orchestrator runs` lists the runs there.");
                return 1;
            }

            var history = await HistoryAsync(connection.StepFunctions, run.ExecutionArn, cancellation);
            if (parse.GetValue(json))
            {
                console.Out.WriteLine(RunJson.Write([run], (writer, _) =>
                {
                    writer.WriteStartArray("history");
                    foreach (var line in history.Events)
                    {
                        writer.WriteStringValue(line);
                    }

                    writer.WriteEndArray();
                    if (history.Problem is not null)
                    {
                        writer.WriteString("historyUnavailable", history.Problem);
                    }
                }, single: true));
                return 0;
            }

            var o = console.Out;
            o.WriteLine($"{run.RunId}  {run.Status.ToName()}");
            o.WriteLine($"  job        {run.Job} (trigger {run.Trigger.ToName()})");
            o.WriteLine($"  scheduled  {RunFormat.Time(run.ScheduledTime)}");
            o.WriteLine($"  started    {RunFormat.Time(run.StartedAt)}   ended {RunFormat.Time(run.EndedAt)}   duration {RunFormat.Duration(run)}");
            if (run.ExitCode is { } exit) { o.WriteLine($"  exit code  {exit}"); }
            if (run.Error is not null) { o.WriteLine($"  error      {run.Error}"); }
            if (run.SkipReason is not null) { o.WriteLine($"  skipped    {run.SkipReason}"); }
            if (run.RedriveCount > 0) { o.WriteLine($"  redriven   {run.RedriveCount} time(s)"); }
            o.WriteLine($"  execution  {run.ExecutionArn ?? "-"}");
            o.WriteLine($"  attempts   {run.Attempts.Length}");
            var number = 0;
            foreach (var attempt in run.Attempts)
            {
                number++;
                var what = attempt.Kind switch
                {
                    "error" => $"{attempt.Error}: {attempt.Cause}",
                    "timed-out" => $"{attempt.Error ?? "States.Timeout"}: stopped at the job's timeout",
                    _ => $"{attempt.StopCode} \"{attempt.StoppedReason}\"" + (attempt.ExitCode is { } code ? $" exit {code}" : "") + (attempt.ContainerReason is { } reason ? $" ({reason})" : ""),
                };
                o.WriteLine($"    {number}. {attempt.Kind,-10} {what}");
                if (attempt.TaskArn is not null) { o.WriteLine($"       task   {attempt.TaskArn}"); }
                if (attempt.LogStream is not null) { o.WriteLine($"       log    {attempt.LogStream}"); }
                if (attempt.StartedAt is not null || attempt.StoppedAt is not null) { o.WriteLine($"       ran    {RunFormat.Time(attempt.StartedAt)} -> {RunFormat.Time(attempt.StoppedAt)}"); }
                if (attempt.RedriveCount > 0) { o.WriteLine($"       during redrive {attempt.RedriveCount}"); }
            }

            o.WriteLine("  history");
            if (history.Problem is not null)
            {
                o.WriteLine($"    (unavailable: {history.Problem})");
            }

            foreach (var line in history.Events)
            {
                o.WriteLine("    " + line);
            }

            return 0;
        });
        return command;
    }

    private static async Task<(IReadOnlyList<string> Events, string? Problem)> HistoryAsync(StepFunctionsClient client, string? executionArn, CancellationToken cancellation)
    {
        if (executionArn is null)
        {
            return ([], "the run has no execution");
        }

        var lines = new List<string>();
        try
        {
            string? token = null;
            do
            {
                var page = await client.GetExecutionHistoryAsync(new GetExecutionHistoryRequest { ExecutionArn = executionArn, NextToken = token, IncludeExecutionData = false }, cancellation);
                foreach (var item in page.Events)
                {
                    var state = item.EventDetails is { } details && details.TryGetProperty("name", out var name) ? " " + name.GetString() : "";
                    var error = item.EventDetails is { } d && d.TryGetProperty("error", out var err) ? " " + err.GetString() : "";
                    lines.Add(string.Create(CultureInfo.InvariantCulture, $"{item.Id,3} {item.Timestamp.UtcDateTime:HH:mm:ss.fff} {item.Type}{state}{error}"));
                }

                token = page.NextToken;
            }
            while (token is not null);
            return (lines, null);
        }
        catch (Exception ex) when (ex is StepFunctionsException or HttpRequestException or TaskCanceledException)
        {
            return (lines, ex.Message);
        }
    }
}
