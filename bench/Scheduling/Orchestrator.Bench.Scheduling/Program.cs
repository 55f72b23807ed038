using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Orchestrator.Local;
using Orchestrator.Local.Scheduling;
using Orchestrator.Scheduling.Schedules;

// bench/Scheduling: one leg per process, one JSON line per leg on stdout; `report` turns the lines into results.md.
//   lag <ours|timer-per-job|thread-per-job> JOBS BOUNDARIES SPEED   scheduler only: N jobs on cron(* * * * ? *)
//   app cron JOBS BOUNDARIES SPEED WORKDIR                            the whole local app (`local up`) with N such jobs
//   app at JOBS SPACING_SECONDS 1 WORKDIR                             one-time jobs SPACING apart: isolated fires
//   report RESULTS.jsonl META.json OUT.md
return args switch
{
    ["lag", var peer, var jobs, var boundaries, var speed] => await Lag.RunAsync(peer, Int(jobs), Int(boundaries), double.Parse(speed, CultureInfo.InvariantCulture)),
    ["app", var shape, var jobs, var count, var speed, var work] => await App.RunAsync(shape, Int(jobs), Int(count), double.Parse(speed, CultureInfo.InvariantCulture), work),
    ["report", var results, var meta, var output] => Report.Write(results, meta, output),
    _ => Usage(),
};

static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

static int Usage()
{
    Console.Error.WriteLine("usage: lag <ours|timer-per-job|thread-per-job> JOBS BOUNDARIES SPEED | app <cron|at> JOBS BOUNDARIES|SPACING SPEED WORKDIR | report RESULTS.jsonl META.json OUT.md");
    return 2;
}

/// <summary>Percentiles (nearest rank) of a sample, in milliseconds.</summary>
internal static class Stats
{
    public static double Percentile(IReadOnlyList<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static Dictionary<string, object> Summary(string prefix, IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return new Dictionary<string, object>
        {
            [prefix + "Count"] = sorted.Count,
            [prefix + "P50Ms"] = Math.Round(Percentile(sorted, 0.50), 2),
            [prefix + "P99Ms"] = Math.Round(Percentile(sorted, 0.99), 2),
            [prefix + "MaxMs"] = Math.Round(sorted.Count == 0 ? double.NaN : sorted[^1], 2),
        };
    }

    public static void Print(Dictionary<string, object> leg)
    {
        var process = Process.GetCurrentProcess();
        leg["cpuSeconds"] = Math.Round(process.TotalProcessorTime.TotalSeconds, 2);
        leg["threadsAtEnd"] = process.Threads.Count;
        leg["peakWorkingSetMb"] = process.PeakWorkingSet64 / (1024 * 1024);
        leg["loadAverage"] = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (key, value) in leg)
            {
                json.WritePropertyName(key);
                switch (value)
                {
                    case string text: json.WriteStringValue(text); break;
                    case bool flag: json.WriteBooleanValue(flag); break;
                    case int number: json.WriteNumberValue(number); break;
                    case long number: json.WriteNumberValue(number); break;
                    case double number when double.IsFinite(number): json.WriteNumberValue(number); break;
                    case double: json.WriteNullValue(); break;
                    case string[] texts: json.WriteStartArray(); foreach (var t in texts) { json.WriteStringValue(t); } json.WriteEndArray(); break;
                    default: json.WriteStringValue(value.ToString()); break;
                }
            }

            json.WriteEndObject();
        }

        Console.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}

/// <summary>
/// Scheduler only: N jobs on cron(* * * * ? *), each fire records its lag (the dispatcher starting to run minus the
/// scheduled instant, in real time) until every job fired BOUNDARIES times. The same recording dispatcher for all three.
/// </summary>
internal static class Lag
{
    public static async Task<int> RunAsync(string peer, int jobs, int boundaries, double speed)
    {
        var clock = new ScaledTimeProvider(speed);
        var schedule = Schedule.Create("cron(* * * * ? *)", "UTC", null, null, out _)!;
        var list = Enumerable.Range(0, jobs).Select(i => new ScheduledJob { Name = $"job-{i:D5}", Schedule = schedule }).ToList();
        // Measure from the first boundary at least 5 real seconds away, so no scheduler is timed while still setting up.
        var firstSlot = schedule.NextFireTime(clock.GetUtcNow() + (TimeSpan.FromSeconds(5) * speed))!.Value;
        var lags = new ConcurrentBag<double>();
        var expected = jobs * boundaries;
        var done = new TaskCompletionSource();
        void Record(ScheduleFiring firing)
        {
            if (firing.ScheduledTime < firstSlot)
            {
                return;
            }

            lags.Add((clock.GetUtcNow() - firing.ScheduledTime).TotalMilliseconds / speed);
            if (lags.Count >= expected)
            {
                done.TrySetResult();
            }
        }

        using var stop = new CancellationTokenSource();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        // Measure from the first boundary at least 5 real seconds away, so no scheduler is timed while still setting up.
        Task running = peer switch
        {
            "ours" => new LiveScheduler(list, clock, (f, _) => { Record(f); return Task.CompletedTask; }).RunAsync(stop.Token),
            "timer-per-job" => Task.WhenAll(list.Select(job => TimerPerJobAsync(job, clock, Record, firstSlot, stop.Token))),
            "thread-per-job" => ThreadPerJob(list, clock, Record, firstSlot, stop.Token),
            _ => throw new ArgumentException($"unknown scheduler '{peer}'"),
        };
        var finished = await Task.WhenAny(done.Task, Task.Delay(clock.Scale(firstSlot - clock.GetUtcNow() + TimeSpan.FromMinutes(boundaries + 2)))) == done.Task;
        await stop.CancelAsync();
        await running;
        var leg = new Dictionary<string, object> { ["leg"] = "lag", ["scheduler"] = peer, ["jobs"] = jobs, ["boundaries"] = boundaries, ["speed"] = speed, ["complete"] = finished };
        foreach (var (key, value) in Stats.Summary("lag", lags.Take(expected)))
        {
            leg[key] = value;
        }

        leg["schedulerCpuSeconds"] = Math.Round((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds, 2);
        Stats.Print(leg);
        return 0;
    }

    // Naive peer 1: each job its own loop and its own timer (Task.Delay on the same clock), delivering inline.
    private static async Task TimerPerJobAsync(ScheduledJob job, ScaledTimeProvider clock, Action<ScheduleFiring> record, DateTimeOffset first, CancellationToken stop)
    {
        for (var slot = first; !stop.IsCancellationRequested; slot = job.Schedule.NextFireTime(slot)!.Value)
        {
            var wait = slot - clock.GetUtcNow();
            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, clock, stop);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            record(new ScheduleFiring { Job = job, ScheduledTime = slot, DispatchedAt = clock.GetUtcNow() });
        }
    }

    // Naive peer 2: a thread per job sleeping until its next slot, as N crontab-like `sleep` loops would.
    private static Task ThreadPerJob(List<ScheduledJob> jobs, ScaledTimeProvider clock, Action<ScheduleFiring> record, DateTimeOffset first, CancellationToken stop)
    {
        var threads = jobs.Select(job => new Thread(() =>
        {
            for (var slot = first; !stop.IsCancellationRequested; slot = job.Schedule.NextFireTime(slot)!.Value)
            {
                var wait = clock.Scale(slot - clock.GetUtcNow());
                if (wait > TimeSpan.Zero && stop.WaitHandle.WaitOne(wait))
                {
                    return;
                }

                record(new ScheduleFiring { Job = job, ScheduledTime = slot, DispatchedAt = clock.GetUtcNow() });
            }
        }, maxStackSize: 256 * 1024) { IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());
        return Task.Run(() => threads.ForEach(t => t.Join()), CancellationToken.None);
    }
}

/// <summary>
/// The whole local app as `local up` runs it, with N jobs whose task writes its own start time: fire lag (starter invoked
/// minus scheduled) and schedule -> task process start latency, both in real time.
/// </summary>
internal static class App
{
    public static async Task<int> RunAsync(string shape, int jobs, int count, double speed, string work)
    {
        Directory.CreateDirectory(Path.Combine(work, "statemachines"));
        var root = FindRoot();
        File.Copy(Path.Combine(root, "statemachines", "run-job.asl.json"), Path.Combine(work, "statemachines", "run-job.asl.json"), overwrite: true);
        var starts = Path.Combine(work, "starts.txt");
        File.WriteAllText(starts, "");
        // at() is wall-clock local time in the schedule's zone (UTC here); leave 40 s for start-up before the first one.
        var firstAt = DateTimeOffset.UtcNow.AddSeconds(40);
        firstAt = new DateTimeOffset(firstAt.Year, firstAt.Month, firstAt.Day, firstAt.Hour, firstAt.Minute, firstAt.Second, TimeSpan.Zero);
        var template = Path.Combine(work, "template.yaml");
        File.WriteAllText(template, Template(root, jobs, i => shape == "cron" ? "cron(* * * * ? *)" : $"at({firstAt.AddSeconds(i * count):yyyy-MM-ddTHH:mm:ss})", starts));
        var expected = shape == "cron" ? jobs * count : jobs;

        var lags = new ConcurrentBag<double>();
        var loopLags = new ConcurrentBag<double>();
        var outcomes = new ConcurrentDictionary<string, int>();
        var setup = Stopwatch.StartNew();
        await using var up = await LocalUp.StartAsync(new LocalUpOptions { Deployment = new LocalDeploymentOptions { TemplatePath = template, Speed = speed, Port = 0 } });
        var setupSeconds = setup.Elapsed.TotalSeconds;
        var clock = up.Deployment.Clock;
        var delivered = new TaskCompletionSource();
        up.SlotDelivered += slot =>
        {
            lags.Add((slot.StarterInvokedAt - slot.Firing.ScheduledTime).TotalMilliseconds / speed);
            loopLags.Add(slot.Firing.Lag.TotalMilliseconds / speed);
            foreach (var answer in slot.Answers)
            {
                outcomes.AddOrUpdate(answer.Outcome, 1, (_, n) => n + 1);
            }

            if (lags.Count >= expected)
            {
                delivered.TrySetResult();
            }
        };
        using var stop = new CancellationTokenSource();
        var running = up.RunAsync(stop.Token);
        var budget = shape == "cron" ? clock.Scale(TimeSpan.FromMinutes(count + 2)) : TimeSpan.FromSeconds(60 + (jobs * count));
        await Task.WhenAny(delivered.Task, Task.Delay(budget));
        // Then give the last tasks time to start and write their line.
        for (var i = 0; i < 600 && File.ReadLines(starts).Count() < expected; i++)
        {
            await Task.Delay(100);
        }

        var realNow = DateTimeOffset.UtcNow;
        var localNow = clock.GetUtcNow();
        await stop.CancelAsync();
        await running;

        // A local instant happened in real time at realNow - (localNow - local) / speed.
        var latencies = new List<double>();
        foreach (var line in File.ReadLines(starts))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 3)
            {
                var slot = DateTimeOffset.Parse(parts[1], CultureInfo.InvariantCulture);
                var started = DateTimeOffset.FromUnixTimeMilliseconds(0).AddSeconds(double.Parse(parts[2], CultureInfo.InvariantCulture));
                var slotReal = realNow - ((localNow - slot) / speed);
                latencies.Add((started - slotReal).TotalMilliseconds);
            }
        }

        var leg = new Dictionary<string, object>
        {
            ["leg"] = "app-" + shape, ["scheduler"] = "ours (local up)", ["jobs"] = jobs, [shape == "cron" ? "boundaries" : "spacingSeconds"] = count,
            ["speed"] = speed, ["setupSeconds"] = Math.Round(setupSeconds, 1), ["fired"] = up.Scheduler.Fired,
            ["outcomes"] = string.Join(", ", outcomes.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}")),
        };
        foreach (var (key, value) in Stats.Summary("lag", lags).Concat(Stats.Summary("loopLag", loopLags)).Concat(Stats.Summary("taskStart", latencies)))
        {
            leg[key] = value;
        }

        Stats.Print(leg);
        return 0;
    }

    private static string Template(string root, int jobs, Func<int, string> expression, string starts)
    {
        var text = File.ReadAllText(Path.Combine(root, "template.yaml"));
        var from = text.IndexOf("        NightlyReport:\n", StringComparison.Ordinal);
        var to = text.IndexOf("  # ---------------------------------------------------------------- the workflow", StringComparison.Ordinal);
        var events = new StringBuilder();
        for (var i = 0; i < jobs; i++)
        {
            var name = $"job-{i:D5}";
            events.Append(CultureInfo.InvariantCulture, $$"""
                        Job{{i:D5}}:
                          Type: ScheduleV2
                          Properties:
                            ScheduleExpression: {{expression(i)}}
                            Input: !Sub |
                              { "job": "{{name}}", "scheduledTime": "<aws.scheduler.scheduled-time>", "concurrency": "Allow",
                                "task": { "taskDefinition": "${NightlyReportTask}", "container": "report",
                                          "command": ["sh", "-c", "echo {{name}} <aws.scheduler.scheduled-time> $(date +%s.%N) >> {{starts}}"] } }

                """);
        }

        return text[..from] + events + "\n" + text[to..];
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orchestrator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Orchestrator.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>results.md from the JSON lines of one run.sh invocation.</summary>
internal static class Report
{
    public static int Write(string resultsPath, string metaPath, string outputPath)
    {
        var legs = File.ReadLines(resultsPath).Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var meta = JsonDocument.Parse(File.ReadAllText(metaPath)).RootElement;
        var o = new StringBuilder();
        o.AppendLine("# bench/Scheduling results: how late schedules fire, and schedule -> task process start");
        o.AppendLine();
        o.AppendLine("Generated by `bench/Scheduling/run.sh` (all legs in one invocation, one process per leg, one leg at a time).");
        o.AppendLine();
        o.AppendLine("## Machine and run");
        o.AppendLine();
        foreach (var property in meta.EnumerateObject())
        {
            o.AppendLine(CultureInfo.InvariantCulture, $"- {property.Name}: {property.Value.GetString()}");
        }

        o.AppendLine();
        o.AppendLine("## (b) Fire lag, scheduler only: N jobs on cron(* * * * ? *)");
        o.AppendLine();
        o.AppendLine("Lag = the dispatcher starting to run minus the scheduled instant, in real milliseconds. Same recording dispatcher for every scheduler.");
        o.AppendLine();
        o.AppendLine("| jobs | speed | boundaries | scheduler | fires | lag p50 ms | lag p99 ms | lag max ms | CPU s while firing | threads at end | peak MB | load (1/5/15) |");
        o.AppendLine("|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var leg in legs.Where(l => l.GetProperty("leg").GetString() == "lag"))
        {
            o.AppendLine(CultureInfo.InvariantCulture, $"| {leg.GetProperty("jobs")} | {leg.GetProperty("speed")} | {leg.GetProperty("boundaries")} | {leg.GetProperty("scheduler").GetString()} | {leg.GetProperty("lagCount")} | {leg.GetProperty("lagP50Ms")} | {leg.GetProperty("lagP99Ms")} | {leg.GetProperty("lagMaxMs")} | {leg.GetProperty("schedulerCpuSeconds")} | {leg.GetProperty("threadsAtEnd")} | {leg.GetProperty("peakWorkingSetMb")} | {string.Join(' ', leg.GetProperty("loadAverage").EnumerateArray().Select(v => v.GetString()))} |");
        }

        o.AppendLine();
        o.AppendLine("Ratios at the same speed (peer ÷ ours; above 1 means the peer is later or costs more):");
        o.AppendLine();
        o.AppendLine("| jobs | timer-per-job lag p99 | thread-per-job lag p99 | timer-per-job CPU | thread-per-job CPU |");
        o.AppendLine("|---:|---:|---:|---:|---:|");
        var lagLegs = legs.Where(l => l.GetProperty("leg").GetString() == "lag").ToList();
        foreach (var ours in lagLegs.Where(l => l.GetProperty("scheduler").GetString() == "ours"))
        {
            var jobs = ours.GetProperty("jobs").GetInt32();
            var speed = ours.GetProperty("speed").GetDouble();
            string Ratio(string peer, string field)
            {
                var other = lagLegs.FirstOrDefault(l => l.GetProperty("scheduler").GetString() == peer && l.GetProperty("jobs").GetInt32() == jobs && l.GetProperty("speed").GetDouble() == speed);
                return other.ValueKind == JsonValueKind.Undefined ? "-" : (other.GetProperty(field).GetDouble() / ours.GetProperty(field).GetDouble()).ToString("0.0", CultureInfo.InvariantCulture) + "×";
            }

            if (Ratio("timer-per-job", "lagP99Ms") != "-")
            {
                o.AppendLine(CultureInfo.InvariantCulture, $"| {jobs} | {Ratio("timer-per-job", "lagP99Ms")} | {Ratio("thread-per-job", "lagP99Ms")} | {Ratio("timer-per-job", "schedulerCpuSeconds")} | {Ratio("thread-per-job", "schedulerCpuSeconds")} |");
            }
        }

        o.AppendLine();
        o.AppendLine("## (a) and (b) through the whole app (`local up`: scheduler -> real starter -> state machine -> task process)");
        o.AppendLine();
        o.AppendLine("Loop lag = the scheduler handing the slot over minus scheduled. Lag = the real starter invoked (on the thread pool) minus scheduled. Task start = the task's own `date +%s.%N` minus the scheduled instant. All real time.");
        o.AppendLine();
        o.AppendLine("| leg | jobs | speed | fires | starter outcomes | loop lag p50 / p99 / max ms | lag p50 ms | lag p99 ms | lag max ms | task starts | task start p50 ms | p99 ms | max ms | load (1/5/15) |");
        o.AppendLine("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var leg in legs.Where(l => l.GetProperty("leg").GetString()!.StartsWith("app", StringComparison.Ordinal)))
        {
            o.AppendLine(CultureInfo.InvariantCulture, $"| {leg.GetProperty("leg").GetString()} | {leg.GetProperty("jobs")} | {leg.GetProperty("speed")} | {leg.GetProperty("fired")} | {leg.GetProperty("outcomes").GetString()} | {leg.GetProperty("loopLagP50Ms")} / {leg.GetProperty("loopLagP99Ms")} / {leg.GetProperty("loopLagMaxMs")} | {leg.GetProperty("lagP50Ms")} | {leg.GetProperty("lagP99Ms")} | {leg.GetProperty("lagMaxMs")} | {leg.GetProperty("taskStartCount")} | {leg.GetProperty("taskStartP50Ms")} | {leg.GetProperty("taskStartP99Ms")} | {leg.GetProperty("taskStartMaxMs")} | {string.Join(' ', leg.GetProperty("loadAverage").EnumerateArray().Select(v => v.GetString()))} |");
        }

        File.WriteAllText(outputPath, o.ToString());
        return 0;
    }
}
