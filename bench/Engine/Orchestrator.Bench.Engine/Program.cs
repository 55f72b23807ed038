// bench/Engine, our side: throughput of Orchestrator.States in-process (see ../README.md and ../run.sh).
//
//   check <corpus-root> <out.json>
//       Runs every case of <corpus-root>/{cases,extra-cases} once and records its verdict against expected.json
//       (pass/fail, or why it is not a candidate: jsonata, task, invalid) and its number of states entered.
//   bench <workload> <out.json> [--cases <list>] [--corpus-root <dir>] [--repo <root>] [--warmup N] [--warmup-seconds S] [--iterations N] [--reps N]
//       workload: corpus (the case folders named in --cases, one per line), runjob-happy, runjob-eni.
//       One iteration runs the workload once (corpus: every listed case once, in order, one execution at a time).
//       Warm-up iterations are not timed; each repetition times --iterations iterations with a Stopwatch.
//   alloc <workload> x [options]      allocation samples by type (where to cut allocations)
//   percase x x [options]             µs and bytes per execution of each corpus case, slowest first
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.States.Conformance;
using Orchestrator.States.Execution;
using Orchestrator.States.Integrations;
using Orchestrator.States.Json;
using Orchestrator.States.Loading;
using Orchestrator.States.Model;

namespace Orchestrator.Bench.Engine;

internal static class Program
{
    private static readonly string[] CorpusFolders = ["cases", "extra-cases"];
    private static readonly DateTimeOffset Clock0 = new(2026, 11, 21, 3, 0, 0, TimeSpan.Zero);

    public static async Task<int> Main(string[] args)
    {
        if (args.Length < 3)
        {
            Console.Error.WriteLine("usage: check <corpus-root> <out.json> | bench <corpus|runjob-happy|runjob-eni> <out.json> [options]");
            return 2;
        }

        var options = Options.Parse(args.Skip(3));
        switch (args[0])
        {
            case "check":
                await CheckAsync(args[1], args[2]);
                return 0;
            case "bench":
                return await BenchAsync(args[1], args[2], options);
            case "profile":
                await ProfileAsync(args[1], args[2], options);
                return 0;
            case "alloc":
                await AllocAsync(args[1], options);
                return 0;
            case "percase":
                await PerCaseAsync(options);
                return 0;
            default:
                Console.Error.WriteLine($"unknown command '{args[0]}'");
                return 2;
        }
    }

    // ---------------------------------------------------------------- check

    private static async Task CheckAsync(string corpusRoot, string outPath)
    {
        var rows = new JsonArray();
        foreach (var dir in CaseDirectories(corpusRoot))
        {
            var name = Path.GetRelativePath(corpusRoot, dir).Replace('\\', '/');
            var row = new JsonObject { ["case"] = name };
            rows.Add((JsonNode)row);
            var text = await File.ReadAllTextAsync(Path.Combine(dir, "definition.json"));
            var definitionJson = JsonValues.Parse(text);
            if (UsesJsonata(definitionJson))
            {
                row["verdict"] = "jsonata";
                continue;
            }

            if (HasTaskState(definitionJson))
            {
                row["verdict"] = "task";
                continue;
            }

            var loaded = DefinitionLoader.Load(text);
            if (!loaded.IsRunnable)
            {
                row["verdict"] = "invalid";
                row["detail"] = string.Join("; ", loaded.Problems.Select(p => p.ToString()).Concat(loaded.Unsupported.Select(u => u.ToString())));
                continue;
            }

            var input = JsonValues.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "input.json")));
            var expected = JsonValues.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "expected.json"))) as JsonObject ?? [];
            var engine = new StateMachineEngine(new EngineOptions { Time = new VirtualTimeProvider(Clock0), RandomSeed = 7, StartInline = true });
            var execution = engine.Start(loaded.Definition!, new StartExecutionRequest { Name = ExecutionName(name), Input = input });
            var result = await execution.Completion.WaitAsync(TimeSpan.FromSeconds(30));
            var differences = ConformanceCase.Compare(expected, result.ToJson());
            row["verdict"] = differences.Count == 0 ? "pass" : "fail";
            row["states"] = StatesEntered(execution.History);
            if (differences.Count > 0)
            {
                row["detail"] = string.Join("; ", differences.Take(3));
            }
        }

        await File.WriteAllTextAsync(outPath, rows.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var counts = rows.GroupBy(r => (string)r!["verdict"]!).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Count()}");
        Console.Error.WriteLine($"ours check: {rows.Count} cases: {string.Join(" ", counts)}");
    }

    private static IEnumerable<string> CaseDirectories(string corpusRoot) =>
        CorpusFolders
            .Select(sub => Path.Combine(corpusRoot, sub))
            .Where(Directory.Exists)
            .SelectMany(Directory.EnumerateDirectories)
            .Where(d => File.Exists(Path.Combine(d, "definition.json")))
            .Order(StringComparer.Ordinal);

    /// <summary>QueryLanguage JSONata anywhere (top level or any state): aws-local-stepfunctions cannot run it.</summary>
    private static bool UsesJsonata(JsonNode? node) => node switch
    {
        JsonObject o => o.Any(p => (p.Key == "QueryLanguage" && p.Value is JsonValue v && JsonValues.TryGetString(v, out var s) && s == "JSONata") || UsesJsonata(p.Value)),
        JsonArray a => a.Any(UsesJsonata),
        _ => false,
    };

    /// <summary>A state of type Task anywhere (nested Map/Parallel included).</summary>
    private static bool HasTaskState(JsonNode? node) => node switch
    {
        JsonObject o => (o["Type"] is JsonValue t && JsonValues.TryGetString(t, out var s) && s == "Task" && o.ContainsKey("Resource")) || o.Any(p => HasTaskState(p.Value)),
        JsonArray a => a.Any(HasTaskState),
        _ => false,
    };

    // Takes the history, not the execution: the execution class was renamed once already (Execution -> StateMachineExecution).
    private static int StatesEntered(IReadOnlyList<Orchestrator.States.History.HistoryEvent> history) =>
        history.Count(e => e.Type.EndsWith("StateEntered", StringComparison.Ordinal));

    private static string ExecutionName(string caseName)
    {
        var name = new string(caseName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());
        return name[..Math.Min(80, name.Length)];
    }

    // ---------------------------------------------------------------- profile

    /// <summary>
    /// Where the time per state goes, from outside the engine: synthetic machines that differ in one thing each
    /// (chain length, payload size, state type), timed like the bench. Prints µs per execution and per state.
    /// </summary>
    private static async Task ProfileAsync(string repo, string outPath, Options options)
    {
        var big = JsonValues.Parse(File.ReadAllText(Path.Combine(repo, "bench", "Engine", "run-job.input.json")));
        var small = JsonValues.Parse("""{"a":1}""");
        var lines = new List<string>();
        async Task Measure(string label, string definition, JsonNode? input, int states)
        {
            var loaded = DefinitionLoader.Load(definition);
            if (!loaded.IsRunnable)
            {
                throw new InvalidOperationException(label + ": " + string.Join("; ", loaded.Problems));
            }

            var engine = new StateMachineEngine(new EngineOptions { Time = new VirtualTimeProvider(Clock0), RandomSeed = 7, StartInline = true });
            var job = new Job("p", loaded.Definition!, input, null, engine, "p");
            var first = await engine.RunAsync(job.Definition, new StartExecutionRequest { Name = "p", Input = input });
            if (first.Status != ExecutionStatus.Succeeded)
            {
                throw new InvalidOperationException(label + ": " + first.Error + " " + first.Cause);
            }

            for (var i = 0; i < options.Warmup; i++)
            {
                await IterateAsync([job]);
            }

            var results = new List<(double Wall, double Cpu)>();
            for (var r = 0; r < options.Reps; r++)
            {
                var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                var sw = Stopwatch.StartNew();
                for (var i = 0; i < options.Iterations; i++)
                {
                    await IterateAsync([job]);
                }

                results.Add((sw.Elapsed.TotalMicroseconds / options.Iterations, (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMicroseconds / options.Iterations));
            }

            var wall = results.Select(x => x.Wall).Order().ElementAt(results.Count / 2);
            var cpu = results.Select(x => x.Cpu).Order().ElementAt(results.Count / 2);
            var line = string.Create(CultureInfo.InvariantCulture, $"| {label} | {states} | {wall:F1} | {cpu:F1} | {cpu / states:F1} |");
            lines.Add(line);
            Console.Error.WriteLine(line);
        }

        static string Chain(int n, string type, string body) =>
            "{\"StartAt\":\"S0\",\"States\":{" + string.Join(",", Enumerable.Range(0, n).Select(i =>
                $"\"S{i}\":{{\"Type\":\"{type}\"{body}," + (i == n - 1 ? "\"End\":true}" : $"\"Next\":\"S{i + 1}\"}}"))) + "}}";

        await Measure("1 Pass, small input", Chain(1, "Pass", ""), small, 1);
        await Measure("20 Pass, small input", Chain(20, "Pass", ""), small, 20);
        await Measure("20 Pass, run-job input (1.2 KB)", Chain(20, "Pass", ""), big, 20);
        await Measure("20 Pass with Parameters (4 paths + 1 intrinsic), run-job input", Chain(20, "Pass",
            ",\"Parameters\":{\"job.$\":\"$.job\",\"c.$\":\"$.counters\",\"t.$\":\"$.task.container\",\"n.$\":\"States.MathAdd($.counters.launchFailures, 1)\"},\"ResultPath\":\"$.p\""), big, 20);
        await Measure("20 Wait (Seconds 0), small input", Chain(20, "Wait", ",\"Seconds\":0"), small, 20);
        await Measure("20 Wait (Seconds 30, virtual clock), small input", Chain(20, "Wait", ",\"Seconds\":30"), small, 20);
        var choices = "{\"StartAt\":\"C0\",\"States\":{" + string.Join(",", Enumerable.Range(0, 20).Select(i =>
            $"\"C{i}\":{{\"Type\":\"Choice\",\"Choices\":[{{\"Variable\":\"$.job\",\"{{OP}}\":\"{{ARG}}\",\"Next\":\"" + (i == 19 ? "Done" : $"C{i + 1}") + "\"}]}")) + ",\"Done\":{\"Type\":\"Succeed\"}}}";
        await Measure("20 Choice StringEquals + Succeed, run-job input", choices.Replace("{OP}", "StringEquals", StringComparison.Ordinal).Replace("{ARG}", "nightly-report", StringComparison.Ordinal), big, 21);
        await Measure("20 Choice StringMatches + Succeed, run-job input", choices.Replace("{OP}", "StringMatches", StringComparison.Ordinal).Replace("{ARG}", "*report*", StringComparison.Ordinal), big, 21);

        var header = "| machine | states | µs/exec (wall) | µs/exec (CPU) | CPU µs/state |\n|---|---:|---:|---:|---:|";
        await File.WriteAllTextAsync(outPath, header + "\n" + string.Join("\n", lines) + "\n");
    }

    // ---------------------------------------------------------------- percase

    /// <summary>Which corpus cases cost the most: µs per execution of each case, warm, slowest first.</summary>
    private static async Task PerCaseAsync(Options options)
    {
        var jobs = CorpusJobs(options);
        for (var i = 0; i < options.Warmup; i++)
        {
            await IterateAsync(jobs);
        }

        var costs = new List<(string Name, double Micros, long Bytes)>();
        foreach (var job in jobs)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < options.Iterations; i++)
            {
                await IterateAsync([job]);
            }

            costs.Add((job.Name, watch.Elapsed.TotalMicroseconds / options.Iterations, (GC.GetAllocatedBytesForCurrentThread() - before) / options.Iterations));
        }

        var total = costs.Sum(c => c.Micros);
        foreach (var (name, micros, bytes) in costs.OrderByDescending(c => c.Micros).Take(25))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{micros,8:F1} µs {100 * micros / total,5:F1}% {bytes,8} B  {name}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"total {total:F0} µs per corpus pass, {jobs.Count} cases"));
    }

    // ---------------------------------------------------------------- alloc

    /// <summary>Which types the engine allocates on a workload: the runtime's allocation samples (one per ~100 KB), by type.</summary>
    private static async Task AllocAsync(string workload, Options options)
    {
        var jobs = workload switch
        {
            "corpus" => CorpusJobs(options),
            "runjob-happy" => [RunJob(options, "HappyPath")],
            _ => [RunJob(options, "EniThenSuccess")],
        };
        for (var i = 0; i < options.Warmup; i++)
        {
            await IterateAsync(jobs);
        }

        using var listener = new AllocationListener();
        for (var i = 0; i < options.Iterations; i++)
        {
            await IterateAsync(jobs);
        }

        var total = listener.ByType.Values.Sum();
        foreach (var (type, bytes) in listener.ByType.OrderByDescending(kv => kv.Value).Take(40))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{100.0 * bytes / total,6:F1}%  {type}"));
        }
    }

    private sealed class AllocationListener : System.Diagnostics.Tracing.EventListener
    {
        public System.Collections.Concurrent.ConcurrentDictionary<string, long> ByType { get; } = new();

        protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, System.Diagnostics.Tracing.EventLevel.Verbose, (System.Diagnostics.Tracing.EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs eventData)
        {
            if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) == true && eventData.Payload is { } payload)
            {
                var type = payload[eventData.PayloadNames!.IndexOf("TypeName")] as string ?? "?";
                ByType.AddOrUpdate(type, 1, (_, n) => n + 1);
            }
        }
    }

    // ---------------------------------------------------------------- bench

    private sealed record Job(string Name, StateMachineDefinition Definition, JsonNode? Input, JsonObject? Expected, StateMachineEngine Engine, string MachineName);

    private static async Task<int> BenchAsync(string workload, string outPath, Options options)
    {
        var jobs = workload switch
        {
            "corpus" => CorpusJobs(options),
            "runjob-happy" => [RunJob(options, "HappyPath")],
            "runjob-eni" => [RunJob(options, "EniThenSuccess")],
            _ => throw new ArgumentException($"unknown workload '{workload}'"),
        };

        // Correctness of exactly what is timed: one untimed pass, every result compared, states counted from history.
        var states = 0;
        var correct = 0;
        var mismatches = new JsonArray();
        JsonNode? sample = null;
        foreach (var job in jobs)
        {
            var execution = job.Engine.Start(job.Definition, new StartExecutionRequest { Name = job.Name, Input = job.Input, StateMachineName = job.MachineName });
            var result = await execution.Completion;
            states += StatesEntered(execution.History);
            sample ??= result.ToJson();
            var differences = job.Expected is null
                ? (result.Status == ExecutionStatus.Succeeded ? [] : new[] { "status " + result.StatusName + " " + result.Error + " " + result.Cause })
                : ConformanceCase.Compare(job.Expected, result.ToJson());
            if (differences.Count == 0)
            {
                correct++;
            }
            else
            {
                mismatches.Add((JsonNode?)JsonValue.Create(job.Name + ": " + string.Join("; ", differences.Take(2))));
            }
        }

        // At least --warmup iterations and --warmup-seconds: tiered JIT needs time, not a count, on a loaded machine.
        var warmup = Stopwatch.StartNew();
        for (var i = 0; i < options.Warmup || warmup.Elapsed.TotalSeconds < options.WarmupSeconds; i++)
        {
            await IterateAsync(jobs);
        }

        var reps = new JsonArray();
        for (var r = 0; r < options.Reps; r++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var gcBefore = GC.CollectionCount(0);
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            for (var i = 0; i < options.Iterations; i++)
            {
                await IterateAsync(jobs);
            }

            stopwatch.Stop();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var executions = (long)jobs.Count * options.Iterations;
            reps.Add((JsonNode)new JsonObject
            {
                ["seconds"] = stopwatch.Elapsed.TotalSeconds,
                ["executions"] = executions,
                ["cpuSeconds"] = cpu.TotalSeconds,
                ["gen0"] = GC.CollectionCount(0) - gcBefore,
                ["allocatedBytesPerExecution"] = (GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore) / executions,
            });
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ours {workload} rep {r + 1}/{options.Reps}: {executions / stopwatch.Elapsed.TotalSeconds:F0} exec/s"));
        }

        var report = new JsonObject
        {
            ["side"] = "ours",
            ["workload"] = workload,
            ["runtime"] = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            ["gc"] = GCSettings.IsServerGC ? "server" : "workstation",
            ["tieredPGO"] = Environment.GetEnvironmentVariable("DOTNET_TieredPGO") ?? "default (on)",
            ["executionsPerIteration"] = jobs.Count,
            ["statesPerIteration"] = states,
            ["correct"] = correct,
            ["checked"] = jobs.Count,
            ["mismatches"] = mismatches,
            ["sample"] = sample,
            ["warmupIterations"] = options.Warmup,
            ["warmupSeconds"] = options.WarmupSeconds,
            ["iterations"] = options.Iterations,
            ["reps"] = reps,
        };
        await File.WriteAllTextAsync(outPath, report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    private static async Task IterateAsync(List<Job> jobs)
    {
        foreach (var job in jobs)
        {
            var result = await job.Engine.RunAsync(job.Definition, new StartExecutionRequest { Name = job.Name, Input = job.Input, StateMachineName = job.MachineName });
            if (result.Status == ExecutionStatus.Running)
            {
                throw new InvalidOperationException("an execution ended RUNNING");
            }
        }
    }

    private static List<Job> CorpusJobs(Options options)
    {
        var corpusRoot = options.CorpusRoot ?? throw new ArgumentException("--corpus-root is required");
        var list = options.Cases ?? throw new ArgumentException("--cases is required");
        // One engine (and virtual clock) for the whole workload, as one StateMachine object per definition on the other side.
        var engine = new StateMachineEngine(new EngineOptions { Time = new VirtualTimeProvider(Clock0), RandomSeed = 7, StartInline = true });
        var jobs = new List<Job>();
        foreach (var name in File.ReadAllLines(list).Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            var dir = Path.Combine(corpusRoot, name);
            var loaded = DefinitionLoader.Load(File.ReadAllText(Path.Combine(dir, "definition.json")));
            if (!loaded.IsRunnable)
            {
                throw new InvalidOperationException($"{name}: not runnable");
            }

            jobs.Add(new Job(ExecutionName(name), loaded.Definition!, JsonValues.Parse(File.ReadAllText(Path.Combine(dir, "input.json"))),
                JsonValues.Parse(File.ReadAllText(Path.Combine(dir, "expected.json"))) as JsonObject ?? [], engine, "local"));
        }

        return jobs;
    }

    /// <summary>statemachines/run-job.asl.json with its DefinitionSubstitutions, Task states mocked (Step Functions Local format).</summary>
    private static Job RunJob(Options options, string testCase)
    {
        var repo = options.Repo ?? throw new ArgumentException("--repo is required");
        var bench = Path.Combine(repo, "bench", "Engine");
        var text = new StringBuilder(File.ReadAllText(Path.Combine(repo, "statemachines", "run-job.asl.json")));
        foreach (var (key, value) in Substitutions)
        {
            text.Replace("${" + key + "}", value);
        }

        var loaded = DefinitionLoader.Load(text.ToString());
        if (!loaded.IsRunnable)
        {
            throw new InvalidOperationException("run-job is not runnable: " + string.Join("; ", loaded.Problems.Concat<object>(loaded.Unsupported)));
        }

        var mocks = MockedTaskResponses.FromConfiguration(File.ReadAllText(Path.Combine(bench, "run-job.mocks.json")), "run-job", testCase);
        var engine = new StateMachineEngine(new EngineOptions { Time = new VirtualTimeProvider(Clock0), Mocks = mocks, RandomSeed = 7, StartInline = true });
        var input = JsonValues.Parse(File.ReadAllText(Path.Combine(bench, "run-job.input.json")));
        return new Job((string)input!["runId"]!, loaded.Definition!, input, null, engine, "run-job");
    }

    public static readonly IReadOnlyList<(string Key, string Value)> Substitutions =
    [
        ("ClusterArn", "arn:aws:ecs:us-east-1:123456789012:cluster/orchestrator"),
        ("SubnetIds", "subnet-a,subnet-b"),
        ("SecurityGroupIds", "sg-1"),
        ("AssignPublicIp", "ENABLED"),
        ("RunsTableName", "runs"),
    ];

    private sealed record Options(int Warmup, int Iterations, int Reps, string? Cases, string? CorpusRoot, string? Repo, double WarmupSeconds = 0)
    {
        public static Options Parse(IEnumerable<string> args)
        {
            var o = new Options(Warmup: 20, Iterations: 50, Reps: 5, Cases: null, CorpusRoot: null, Repo: null);
            var list = args.ToList();
            for (var i = 0; i + 1 < list.Count; i += 2)
            {
                var value = list[i + 1];
                o = list[i] switch
                {
                    "--warmup" => o with { Warmup = int.Parse(value, CultureInfo.InvariantCulture) },
                    "--warmup-seconds" => o with { WarmupSeconds = double.Parse(value, CultureInfo.InvariantCulture) },
                    "--iterations" => o with { Iterations = int.Parse(value, CultureInfo.InvariantCulture) },
                    "--reps" => o with { Reps = int.Parse(value, CultureInfo.InvariantCulture) },
                    "--cases" => o with { Cases = value },
                    "--corpus-root" => o with { CorpusRoot = value },
                    "--repo" => o with { Repo = value },
                    _ => throw new ArgumentException($"unknown option '{list[i]}'"),
                };
            }

            return o;
        }
    }
}
