using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Orchestrator.Cli.Templates;

/// <summary>`orchestrator jobs`: each job in the template, its schedule in words and its next fire times in its time zone.</summary>
internal static class JobsCommand
{
    private const int FireTimes = 5;

    public static Command Create(CliConsole console, TimeProvider time)
    {
        var template = TemplateFile.TemplateOption();
        var overrides = TemplateFile.OverridesOption();
        var json = new Option<bool>("--json") { Description = "One JSON document instead of text." };
        var command = new Command("jobs", $"List the template's jobs: schedule in words and the next {FireTimes} fire times in each job's time zone.");
        command.Options.Add(template);
        command.Options.Add(overrides);
        command.Options.Add(json);
        command.SetAction(parseResult =>
        {
            var path = parseResult.GetValue(template)!;
            var loaded = TemplateFile.Load(path, parseResult.GetValue(overrides), console);
            if (loaded is null)
            {
                return 2;
            }

            var now = time.GetUtcNow();
            var jobs = loaded.Jobs.Select(job => new
            {
                Job = job,
                Name = job.Spec?.Name ?? job.EventName,
                Next = job.Schedule is { } schedule && job.Enabled ? schedule.FireTimes(now).Take(FireTimes).ToList() : [],
                Zone = job.Schedule?.TimeZone ?? TimeZoneInfo.Utc,
            }).ToList();

            if (parseResult.GetValue(json))
            {
                using var stream = new MemoryStream();
                using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
                writer.WriteStartArray();
                foreach (var job in jobs)
                {
                    writer.WriteStartObject();
                    writer.WriteString("job", job.Name);
                    writer.WriteString("schedule", job.Job.ScheduleExpression);
                    writer.WriteString("timeZone", job.Job.TimeZone);
                    writer.WriteString("description", job.Job.Schedule?.Describe());
                    writer.WriteBoolean("enabled", job.Job.Enabled);
                    writer.WriteString("taskDefinition", job.Job.Spec?.Task.TaskDefinition);
                    writer.WriteString("concurrency", job.Job.Spec?.Concurrency.ToString());
                    writer.WriteStartArray("nextFireTimes");
                    foreach (var fire in job.Next)
                    {
                        writer.WriteStringValue(TimeZoneInfo.ConvertTime(fire, job.Zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.Flush();
                console.Out.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
                return loaded.Validate().Count == 0 ? 0 : 2;
            }

            if (jobs.Count == 0)
            {
                console.Out.WriteLine($"{path}: no jobs (a job is a ScheduleV2 event whose Input is a job block; see README, Adding a job).");
            }

            foreach (var job in jobs)
            {
                console.Out.WriteLine($"{job.Name}  {job.Job.ScheduleExpression}  ({job.Job.TimeZone}){(job.Job.Enabled ? "" : "  DISABLED")}");
                console.Out.WriteLine($"  {job.Job.Schedule?.Describe() ?? "invalid schedule: run `orchestrator validate`"}");
                if (job.Job.Spec is { } spec)
                {
                    console.Out.WriteLine($"  task {spec.Task.TaskDefinition} container {spec.Task.Container}; timeout {spec.TimeoutSeconds} s; concurrency {spec.Concurrency}");
                }

                foreach (var fire in job.Next)
                {
                    var local = TimeZoneInfo.ConvertTime(fire, job.Zone);
                    console.Out.WriteLine($"  next  {local:yyyy-MM-dd ddd HH:mm:ss zzz}  ({fire.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z)");
                }
            }

            return loaded.Validate().Count == 0 ? 0 : 2;
        });
        return command;
    }
}
