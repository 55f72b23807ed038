// bench/Jsonata, our side: Orchestrator.Jsonata on the expressions extract.mjs collected (see ../README.md and ../run.sh).
//
//   check <expressions.json> <out.json>
//       Parses and evaluates every expression once; records its JSON result, undefined, or the error.
//   bench <parse-eval|eval|sf-parse-eval|sf-eval> <expressions.json> <ids.txt> <out.json> [--warmup N] [--warmup-seconds S] [--iterations N] [--reps N]
//       One iteration evaluates every listed expression once, in order: parse-eval parses it first (no cache),
//       eval uses an expression parsed before timing. sf-* are the same on the Step Functions function set (ours only).
//       Warm-up (at least N iterations and S seconds) is not timed; each repetition times --iterations iterations.
//   profile <expressions.json>
//       Splits the cost of one evaluation on our side (fixed cost, binding conversion, parse) for hotspots.md.
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Jsonata;

namespace Orchestrator.Bench.Jsonata;

internal static class Program
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static int Main(string[] args)
    {
        if (args.Length >= 3 && args[0] == "check")
        {
            Check(args[1], args[2]);
            return 0;
        }

        if (args.Length >= 5 && args[0] == "bench")
        {
            return Bench(args[1], args[2], args[3], args[4], BenchOptions.Parse(args.Skip(5)));
        }

        if (args.Length >= 2 && args[0] == "profile")
        {
            EvaluationProfile.Run(args[1]);
            return 0;
        }

        Console.Error.WriteLine("usage: check <expressions.json> <out.json> | bench <workload> <expressions.json> <ids.txt> <out.json> [options]");
        return 2;
    }

    private static void Check(string expressionsPath, string outPath)
    {
        var rows = new JsonArray();
        var ok = 0;
        foreach (var item in BenchExpression.ReadAll(expressionsPath))
        {
            var row = new JsonObject { ["id"] = item.Id };
            try
            {
                Outcome.Write(row, JsonataExpression.Parse(item.Text).EvaluateWithoutInput(item.Bindings));
                ok++;
            }
            catch (JsonataException ex)
            {
                row["ok"] = false;
                row["error"] = Truncate($"{ex.Code}: {ex.Message}");
            }

            rows.Add((JsonNode)row);
        }

        var report = new JsonObject { ["side"] = "ours", ["engine"] = "Orchestrator.Jsonata", ["rows"] = rows };
        File.WriteAllText(outPath, report.ToJsonString(Indented));
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ours check: {rows.Count} expressions, {ok} evaluate without error"));
    }

    private static int Bench(string workload, string expressionsPath, string idsPath, string outPath, BenchOptions options)
    {
        var all = BenchExpression.ReadAll(expressionsPath).ToDictionary(x => x.Id, StringComparer.Ordinal);
        var ids = File.ReadAllLines(idsPath).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var items = ids.Select(id => all.TryGetValue(id, out var x) ? x : throw new ArgumentException($"unknown expression id {id}")).ToList();
        var parsed = items.Select(x => JsonataExpression.Parse(x.Text)).ToList();
        Func<long> iterate = workload switch
        {
            "parse-eval" or "sf-parse-eval" => () => ParseAndEvaluate(items),
            "eval" or "sf-eval" => () => Evaluate(items, parsed),
            _ => throw new ArgumentException($"unknown workload '{workload}'"),
        };

        // Untimed pass: the results of exactly what is timed, for report.mjs to compare with theirs.
        var results = new JsonArray();
        for (var i = 0; i < items.Count; i++)
        {
            var expression = workload.EndsWith("parse-eval", StringComparison.Ordinal) ? JsonataExpression.Parse(items[i].Text) : parsed[i];
            var row = new JsonObject { ["id"] = items[i].Id };
            Outcome.Write(row, expression.EvaluateWithoutInput(items[i].Bindings));
            results.Add((JsonNode)row);
        }

        // Warm-up: at least --warmup iterations and at least --warmup-seconds, so tiering has finished even on a loaded machine.
        long sink = 0;
        var warmupIterations = 0;
        var warmup = Stopwatch.StartNew();
        while (warmupIterations < options.Warmup || warmup.Elapsed.TotalSeconds < options.WarmupSeconds)
        {
            sink += iterate();
            warmupIterations++;
        }

        var reps = new JsonArray();
        for (var r = 0; r < options.Reps; r++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var gcBefore = GC.CollectionCount(0);
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            for (var i = 0; i < options.Iterations; i++)
            {
                sink += iterate();
            }

            stopwatch.Stop();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            var evaluations = (long)items.Count * options.Iterations;
            reps.Add((JsonNode)new JsonObject
            {
                ["seconds"] = stopwatch.Elapsed.TotalSeconds,
                ["evaluations"] = evaluations,
                ["cpuSeconds"] = cpu.TotalSeconds,
                ["gen0"] = GC.CollectionCount(0) - gcBefore,
                ["allocatedBytesPerEvaluation"] = allocated / evaluations,
            });
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ours {workload} rep {r + 1}/{options.Reps}: {evaluations / stopwatch.Elapsed.TotalSeconds:F0} evaluations/s"));
        }

        var report = new JsonObject
        {
            ["side"] = "ours",
            ["workload"] = workload,
            ["engine"] = "Orchestrator.Jsonata",
            ["runtime"] = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            ["gc"] = GCSettings.IsServerGC ? "server" : "workstation",
            ["tieredPGO"] = Environment.GetEnvironmentVariable("DOTNET_TieredPGO") ?? "default (on)",
            ["expressions"] = items.Count,
            ["warmupIterations"] = warmupIterations,
            ["iterations"] = options.Iterations,
            ["definedResultsPerPass"] = (double)sink / Math.Max(1, warmupIterations + (options.Reps * options.Iterations)),
            ["results"] = results,
            ["reps"] = reps,
        };
        File.WriteAllText(outPath, report.ToJsonString(Indented));
        return 0;
    }

    private static long ParseAndEvaluate(List<BenchExpression> items)
    {
        long defined = 0;
        foreach (var item in items)
        {
            if (JsonataExpression.Parse(item.Text).EvaluateWithoutInput(item.Bindings).IsDefined)
            {
                defined++;
            }
        }

        return defined;
    }

    private static long Evaluate(List<BenchExpression> items, List<JsonataExpression> parsed)
    {
        long defined = 0;
        for (var i = 0; i < items.Count; i++)
        {
            if (parsed[i].EvaluateWithoutInput(items[i].Bindings).IsDefined)
            {
                defined++;
            }
        }

        return defined;
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300];
}

/// <summary>One extracted expression with its bindings, built once (not timed) as an engine holds its state data parsed.</summary>
internal sealed record BenchExpression(string Id, string Text, JsonataBindings Bindings)
{
    public static List<BenchExpression> ReadAll(string path)
    {
        var document = JsonNode.Parse(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} is empty");
        var list = new List<BenchExpression>();
        foreach (var item in document["items"]!.AsArray())
        {
            // Step Functions registers its functions for every JSONata state, so every evaluation gets them.
            var bindings = StepFunctionsJsonataFunctions.Register(new JsonataBindings());
            foreach (var (name, value) in item!["bindings"]!.AsObject())
            {
                bindings.Bind(name, value);
            }

            list.Add(new BenchExpression((string)item["id"]!, (string)item["expression"]!, bindings));
        }

        return list;
    }
}

/// <summary>Where the time of one evaluation goes: the same tiny expressions with more and more of the corpus bindings.</summary>
internal static class EvaluationProfile
{
    public static void Run(string expressionsPath)
    {
        var document = JsonNode.Parse(File.ReadAllText(expressionsPath)) ?? throw new InvalidDataException($"{expressionsPath} is empty");
        // A typical corpus item: $states with the case input and the fixed context object.
        var item = document["items"]!.AsArray().First(x => ((string)x!["expression"]!).Trim() == "$states.input.items")!;
        var states = item["bindings"]!["states"]!;
        var inputOnly = new JsonObject { ["input"] = states["input"]!.DeepClone() };
        var literal = JsonataExpression.Parse("1");
        var path = JsonataExpression.Parse("$states.input.items");
        var full = StepFunctionsJsonataFunctions.Register(new JsonataBindings()).Bind("states", states);
        var reduced = StepFunctionsJsonataFunctions.Register(new JsonataBindings()).Bind("states", inputOnly);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"$states: {states.ToJsonString().Length} bytes of JSON; $states.input alone: {inputOnly.ToJsonString().Length}"));
        Measure("`1`, no bindings", () => literal.EvaluateWithoutInput().IsDefined);
        Measure("`1`, corpus bindings (never read)", () => literal.EvaluateWithoutInput(full).IsDefined);
        Measure("`$states.input.items`, corpus bindings", () => path.EvaluateWithoutInput(full).IsDefined);
        Measure("`$states.input.items`, $states = {input} only", () => path.EvaluateWithoutInput(reduced).IsDefined);
        var hostRange = JsonataExpression.Parse("$range(1, 5, 1)");
        var builtInRange = JsonataExpression.Parse("[1..5]");
        Measure("`$range(1, 5, 1)` (host function), corpus bindings", () => hostRange.EvaluateWithoutInput(full).IsDefined);
        Measure("`[1..5]` (built-in operator), corpus bindings", () => builtInRange.EvaluateWithoutInput(full).IsDefined);
        Measure("parse `1`", () => JsonataExpression.Parse("1").Text.Length > 0);
        Measure("parse `$states.input.items`", () => JsonataExpression.Parse("$states.input.items").Text.Length > 0);
    }

    private static void Measure(string label, Func<bool> action)
    {
        const int Count = 200_000;
        for (var i = 0; i < Count / 4; i++)
        {
            action();
        }

        var samples = new List<(double Micros, long Bytes)>();
        for (var r = 0; r < 5; r++)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var stopwatch = Stopwatch.StartNew();
            for (var i = 0; i < Count; i++)
            {
                action();
            }

            samples.Add((stopwatch.Elapsed.TotalMicroseconds / Count, (GC.GetAllocatedBytesForCurrentThread() - allocated) / Count));
        }

        var median = samples.OrderBy(s => s.Micros).ElementAt(samples.Count / 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-50} {median.Micros,8:F2} µs {median.Bytes,7} B allocated"));
    }
}

/// <summary>How a result is recorded: JSON text, or undefined (JSONata's "no value", not JSON null).</summary>
internal static class Outcome
{
    public static void Write(JsonObject row, JsonataResult result)
    {
        row["ok"] = true;
        if (result.IsDefined)
        {
            row["json"] = result.Value?.ToJsonString() ?? "null";
        }
        else
        {
            row["undefined"] = true;
        }
    }
}

internal sealed record BenchOptions(int Warmup, double WarmupSeconds, int Iterations, int Reps)
{
    public static BenchOptions Parse(IEnumerable<string> args)
    {
        var o = new BenchOptions(Warmup: 20, WarmupSeconds: 0, Iterations: 100, Reps: 5);
        var list = args.ToList();
        for (var i = 0; i + 1 < list.Count; i += 2)
        {
            var value = int.Parse(list[i + 1], CultureInfo.InvariantCulture);
            o = list[i] switch
            {
                "--warmup" => o with { Warmup = value },
                "--warmup-seconds" => o with { WarmupSeconds = value },
                "--iterations" => o with { Iterations = value },
                "--reps" => o with { Reps = value },
                _ => throw new ArgumentException($"unknown option '{list[i]}'"),
            };
        }

        return o;
    }
}
