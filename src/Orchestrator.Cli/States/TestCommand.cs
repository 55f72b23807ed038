using System.Collections.Concurrent;
using System.CommandLine;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Orchestrator.States.Conformance;
using Orchestrator.States.Json;

namespace Orchestrator.Cli.States;

/// <summary>
/// `orchestrator states test &lt;dir&gt; [--json] [--filter PATTERN]`: runs every case folder below dir in parallel, prints
/// each failure with a diff, then "K not supported (FEATURE)" per feature the engine lacks, and finally "N passed, M failed".
/// Exit 1 if any failed.
/// </summary>
internal static class TestCommand
{
    public static Command Create(CliConsole console)
    {
        var directory = new Argument<string>("dir") { Description = "A folder of case folders (definition.json, input.json, expected.json, optional mocks.json)." };
        var json = new Option<bool>("--json") { Description = "Print the summary as one JSON object." };
        var filter = new Option<string>("--filter") { Description = "Only cases whose path contains PATTERN ('*' matches any text)." };
        var command = new Command("test", "Run conformance cases and compare with their expected results.");
        command.Arguments.Add(directory);
        command.Options.Add(json);
        command.Options.Add(filter);
        command.SetAction(async (parseResult, cancellation) =>
        {
            var root = parseResult.GetValue(directory)!;
            if (!Directory.Exists(root))
            {
                console.Error.WriteLine($"'{root}' is not a folder.");
                return ExitCodes.BadInput;
            }

            var pattern = parseResult.GetValue(filter);
            var matcher = pattern is null ? null : new Regex(Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal), RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
            var cases = ConformanceCase.Discover(root)
                .Select(dir => (Dir: dir, Name: Path.GetRelativePath(root, dir)))
                .Where(c => matcher is null || matcher.IsMatch(c.Name))
                .ToList();
            if (cases.Count == 0)
            {
                console.Error.WriteLine($"No case folders (with definition.json) found below '{root}'{(pattern is null ? "" : $" matching '{pattern}'")}.");
                return ExitCodes.BadInput;
            }

            var outcomes = new ConcurrentBag<CaseOutcome>();
            await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellation }, async (c, _) =>
                outcomes.Add(await ConformanceCase.RunAsync(c.Dir, c.Name)));
            var ordered = outcomes.OrderBy(o => o.Name, StringComparer.Ordinal).ToList();
            var passed = ordered.Count(o => o.Verdict == CaseVerdict.Passed);
            var failed = ordered.Where(o => o.Verdict == CaseVerdict.Failed).ToList();
            var unsupported = ordered.Where(o => o.Verdict == CaseVerdict.NotSupported).GroupBy(o => o.Feature ?? "unknown").OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
            var notSupported = unsupported.Sum(g => g.Count());
            if (parseResult.GetValue(json))
            {
                var summary = new JsonObject
                {
                    ["passed"] = passed,
                    ["failed"] = failed.Count,
                    ["notSupported"] = notSupported,
                    ["failures"] = new JsonArray(failed.Select(f => (JsonNode)new JsonObject
                    {
                        ["case"] = f.Name,
                        ["differences"] = new JsonArray(f.Details.Select(d => (JsonNode?)JsonValue.Create(d)).ToArray()),
                    }).ToArray()),
                };
                console.Out.WriteLine(JsonValues.ToIndentedJson(summary));
            }
            else
            {
                foreach (var failure in failed)
                {
                    console.Out.WriteLine("FAIL " + failure.Name);
                    foreach (var detail in failure.Details)
                    {
                        console.Out.WriteLine("  " + detail);
                    }
                }

                foreach (var group in unsupported)
                {
                    console.Out.WriteLine($"{group.Count()} not supported ({group.Key})");
                }

                console.Out.WriteLine($"{passed} passed, {failed.Count} failed");
            }

            return failed.Count == 0 ? ExitCodes.Success : ExitCodes.ExecutionFailed;
        });
        return command;
    }
}
