using System.CommandLine;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Orchestrator.Local;
using Orchestrator.Local.Tasks.Faults;

namespace Orchestrator.Cli.Local;

/// <summary>`orchestrator local fire`: one shot, everything in-process; exit 0 only when every slot ran exactly once.</summary>
internal static class LocalFireCommand
{
    public static Command Create(CliConsole console)
    {
        var template = new Option<string>("--template", "-t") { Description = "Path to the SAM template.", DefaultValueFactory = _ => "template.yaml" };
        var job = new Option<string>("--job") { Description = "The job to fire (its name in the job block).", Required = true };
        var slots = new Option<int>("--slots") { Description = "How many consecutive scheduled slots to fire.", DefaultValueFactory = _ => 1 };
        var deliveries = new Option<int>("--deliveries") { Description = "How many times each slot is delivered, concurrently (Scheduler and Lambda are at-least-once).", DefaultValueFactory = _ => 1 };
        var inject = new Option<string?>("--inject") { Description = "Faults, e.g. eni=0.3,capacity=0.1,unknown=0.05,exit=2:0.2,duplicates=3,crash-after-claim=0.1" };
        var speed = new Option<double>("--speed") { Description = "Run local time N times faster (backoff, Wait, timeouts, Lambda retries).", DefaultValueFactory = _ => 1 };
        var seed = new Option<int>("--seed") { Description = "Seed for injected faults, so a run can be repeated.", DefaultValueFactory = _ => 1 };
        var wait = new Option<int>("--wait-seconds") { Description = "Give up waiting for runs to finish after this many seconds.", DefaultValueFactory = _ => 600 };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON." };
        var sequential = new Option<bool>("--sequential") { Description = "Fire each slot after the previous run ended, as time passing would (default: all slots at once)." };
        var history = new Option<bool>("--history") { Description = "End with the run history: every fired run and its attempts." };
        var command = new Command("fire", "Fire K slots of a job N times each against the whole app in-process, wait for every run, and summarise.");
        foreach (var option in new Option[] { template, job, slots, deliveries, inject, speed, seed, wait, json, sequential, history })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellation) =>
        {
            if (!FaultPlan.TryParse(parse.GetValue(inject), out var faults, out var faultError))
            {
                console.Error.WriteLine($"--inject: {faultError}");
                return 2;
            }

            if (parse.GetValue(slots) < 1 || parse.GetValue(deliveries) < 1 || parse.GetValue(speed) < 1)
            {
                console.Error.WriteLine("--slots, --deliveries and --speed must be 1 or more.");
                return 2;
            }

            try
            {
                await using var local = await LocalDeployment.StartAsync(new LocalDeploymentOptions
                {
                    TemplatePath = parse.GetValue(template)!,
                    Faults = faults with { Seed = parse.GetValue(seed) },
                    Speed = parse.GetValue(speed),
                    Seed = parse.GetValue(seed),
                }, cancellation);
                var progress = new Progress<string>(line => console.Error.WriteLine(line));
                var report = await new SlotFiring(local).FireAsync(parse.GetValue(job)!, parse.GetValue(slots), parse.GetValue(deliveries), TimeSpan.FromSeconds(parse.GetValue(wait)), progress, parse.GetValue(sequential), cancellation);
                if (parse.GetValue(json))
                {
                    console.Out.WriteLine(Json(report));
                }
                else
                {
                    Print(console.Out, report);
                }

                if (parse.GetValue(history) && !parse.GetValue(json))
                {
                    PrintHistory(console.Out, report, local.Ecs);
                }

                return report.EverySlotRanOnce ? 0 : 1;
            }
            catch (LocalModeException ex)
            {
                console.Error.WriteLine(ex.Message);
                return 2;
            }
        });
        return command;
    }

    private static void Print(TextWriter o, FireReport report)
    {
        o.WriteLine($"job {report.Job}: {report.Slots} slot(s), {report.Deliveries} deliveries");
        o.WriteLine($"  executions started   {report.ExecutionsStarted}");
        o.WriteLine($"  duplicates suppressed {report.DuplicatesSuppressed}");
        o.WriteLine($"  starter outcomes     {string.Join(", ", report.Outcomes.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))}");
        o.WriteLine($"  starter crashes      {report.StarterCrashes} (injected; recovered by Lambda's retry)");
        o.WriteLine($"  runs by status       {string.Join(", ", report.RunsByStatus.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))}");
        o.WriteLine($"  task attempts        {report.TaskAttempts} ({report.LaunchRetries} launch failure(s) retried or recorded)");
        o.WriteLine($"  lost                 {report.Lost.Count}{(report.Lost.Count == 0 ? "" : ": " + string.Join(", ", report.Lost))}");
        o.WriteLine(report.EverySlotRanOnce ? "every slot ran exactly once" : "NOT every slot ran exactly once");
    }

    private static void PrintHistory(TextWriter o, FireReport report, Orchestrator.Local.Tasks.LocalEcsTaskRunner ecs)
    {
        o.WriteLine();
        o.WriteLine("run history");
        Runs.RunFormat.Table(o, report.Runs);
        foreach (var run in report.Runs.Where(r => r.Attempts.Length > 0))
        {
            o.WriteLine();
            o.WriteLine($"{run.RunId}  {run.Status.ToString().ToUpperInvariant()}");
            var number = 0;
            foreach (var attempt in run.Attempts)
            {
                number++;
                var what = attempt.Kind == "error"
                    ? $"{attempt.Error}: {attempt.Cause}"
                    : $"{attempt.StopCode} \"{attempt.StoppedReason}\"" + (attempt.ExitCode is { } code ? $" exit {code}" : "");
                o.WriteLine($"  {number}. {attempt.Kind,-10} {what}");
                if (attempt.TaskArn is not null && ecs.LogPath(attempt.TaskArn) is { } log && File.Exists(log))
                {
                    o.WriteLine($"     log {Path.GetRelativePath(Environment.CurrentDirectory, log)}");
                }
            }
        }
    }

    private static string Json(FireReport report)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("job", report.Job);
            json.WriteNumber("slots", report.Slots);
            json.WriteNumber("deliveries", report.Deliveries);
            json.WriteNumber("executionsStarted", report.ExecutionsStarted);
            json.WriteNumber("duplicatesSuppressed", report.DuplicatesSuppressed);
            json.WriteNumber("starterCrashes", report.StarterCrashes);
            json.WriteNumber("taskAttempts", report.TaskAttempts);
            json.WriteNumber("launchRetries", report.LaunchRetries);
            json.WriteStartObject("outcomes");
            foreach (var (key, value) in report.Outcomes.OrderBy(p => p.Key, StringComparer.Ordinal)) { json.WriteNumber(key, value); }
            json.WriteEndObject();
            json.WriteStartObject("runsByStatus");
            foreach (var (key, value) in report.RunsByStatus.OrderBy(p => p.Key, StringComparer.Ordinal)) { json.WriteNumber(key, value); }
            json.WriteEndObject();
            json.WriteStartArray("lost");
            foreach (var id in report.Lost) { json.WriteStringValue(id); }
            json.WriteEndArray();
            json.WriteBoolean("everySlotRanOnce", report.EverySlotRanOnce);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}

/// <summary>`orchestrator local ...`: the app offline.</summary>
internal static class LocalCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("local", "Run the whole app offline from template.yaml (dynalite, local Step Functions, tasks as processes).");
        command.Subcommands.Add(LocalUpCommand.Create(console));
        command.Subcommands.Add(LocalFireCommand.Create(console));
        return command;
    }
}
