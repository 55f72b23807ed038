using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.StepFunctions;

namespace Orchestrator.Cli.Runs;

/// <summary>
/// `orchestrator rerun RUNID [--override KEY=VALUE]`: a new execution with the run's input (and overrides), recorded as its
/// own manual run; the original run's record is never touched.
/// </summary>
internal static class RerunCommand
{
    public static Command Create(CliConsole console, TimeProvider time)
    {
        var aws = new AwsConnectionOptions();
        var runId = new Argument<string>("run-id") { Description = "The run to re-run." };
        var overrides = new Option<string[]>("--override")
        {
            Description = "Change the re-run: env.NAME=VALUE, command=\"shell command\" or command=[\"json\",\"array\"], timeoutSeconds=N, cpu=N, memory=N, or any input path a.b.c=JSON.",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("rerun", "Run a job again with the input of an earlier run, as a new execution recorded with trigger=manual.");
        command.Arguments.Add(runId);
        command.Options.Add(overrides);
        aws.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            using var connection = aws.Connect(parse, console, needStateMachine: true);
            if (connection is null)
            {
                return 2;
            }

            var id = parse.GetValue(runId)!;
            var run = await connection.Ledger.GetAsync(id, cancellation);
            if (run?.ExecutionArn is null)
            {
                console.Error.WriteLine(run is null ? $"No run '{id}' in table {connection.Ledger.TableName}." : $"Run '{id}' has no execution to copy (status {run.Status}).");
                return 1;
            }

            JsonObject input;
            try
            {
                var described = await connection.StepFunctions.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = run.ExecutionArn }, cancellation);
                input = JsonNode.Parse(described.Input ?? "{}") as JsonObject ?? [];
            }
            catch (StepFunctionsException ex)
            {
                console.Error.WriteLine($"Could not read the execution's input: {ex.ErrorCode}: {ex.Message}");
                return 2;
            }

            foreach (var pair in parse.GetValue(overrides) ?? [])
            {
                var problem = InputOverrides.Apply(input, pair);
                if (problem is not null)
                {
                    console.Error.WriteLine($"--override {pair}: {problem}");
                    return 2;
                }
            }

            input["trigger"] = "manual";
            var name = ManualName(run.Job, time.GetUtcNow());
            var started = await connection.StepFunctions.StartExecutionAsync(new StartExecutionRequest
            {
                StateMachineArn = connection.StateMachineArn!,
                Name = name,
                Input = input.ToJsonString(),
            }, cancellation);
            console.Out.WriteLine($"Started {name}");
            console.Out.WriteLine($"  execution {started.ExecutionArn}");
            console.Out.WriteLine($"  follow it with: orchestrator run show {name}");
            return 0;
        });
        return command;
    }

    /// <summary>{job}-manual-{UTC time}-{4 hex}: within 80 chars, and never parses as a scheduled run id.</summary>
    internal static string ManualName(string job, DateTimeOffset now) =>
        $"{(job.Length > 50 ? job[..50] : job)}-manual-{now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}-{Random.Shared.Next(0x10000):x4}";
}

/// <summary>The --override forms of rerun, applied to the execution input.</summary>
internal static class InputOverrides
{
    public static string? Apply(JsonObject input, string pair)
    {
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            return "expected KEY=VALUE";
        }

        var key = pair[..equals];
        var value = pair[(equals + 1)..];
        var container = input["task"]?["overrides"]?["ContainerOverrides"]?[0] as JsonObject;
        switch (key)
        {
            case var env when env.StartsWith("env.", StringComparison.Ordinal):
                if (container is null) { return "the run's input has no container override to change"; }
                var variables = container["Environment"] as JsonArray ?? [];
                container["Environment"] = variables;
                foreach (var existing in variables.OfType<JsonObject>().Where(v => (string?)v["Name"] == env[4..]).ToList())
                {
                    variables.Remove(existing);
                }

                variables.Add((JsonNode)new JsonObject { ["Name"] = env[4..], ["Value"] = value });
                return null;
            case "command":
                if (container is null) { return "the run's input has no container override to change"; }
                if (value.StartsWith('['))
                {
                    try
                    {
                        container["Command"] = JsonNode.Parse(value) as JsonArray ?? throw new JsonException("not an array");
                        return null;
                    }
                    catch (JsonException ex)
                    {
                        return "not a JSON array of strings: " + ex.Message;
                    }
                }

                container["Command"] = new JsonArray("sh", "-c", value);
                return null;
            case "timeoutSeconds":
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds < 1) { return "expected a whole number of seconds"; }
                input["timeoutSeconds"] = seconds;
                return null;
            case "cpu" or "memory":
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var units) || units < 1) { return "expected a whole number of units"; }
                if (input["task"]?["overrides"] is not JsonObject taskOverrides) { return "the run's input has no task overrides"; }
                taskOverrides[key == "cpu" ? "Cpu" : "Memory"] = units.ToString(CultureInfo.InvariantCulture);
                return null;
            default:
                return SetPath(input, key, value);
        }
    }

    private static string? SetPath(JsonObject input, string path, string value)
    {
        var parts = path.Split('.');
        JsonObject target = input;
        foreach (var part in parts[..^1])
        {
            if (target[part] is not JsonObject next)
            {
                return $"'{part}' in '{path}' is not an object in the run's input";
            }

            target = next;
        }

        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(value);
        }
        catch (JsonException)
        {
            parsed = JsonValue.Create(value);
        }

        target[parts[^1]] = parsed;
        return null;
    }
}
