using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests;

/// <summary>
/// `orchestrator local up` as a user runs it: the real CLI process, dynalite, the local endpoint, schedules firing on a
/// scaled clock, tasks as processes, the AWS CLI reading what happened, and Ctrl-C. Waits are generous and no timing is
/// asserted: only what fired, what the ledger says, the exit code and which processes are left.
/// </summary>
public sealed partial class LocalUpTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private readonly Cli _cli = new();

    [Fact]
    public async Task Schedules_fire_into_the_whole_app_the_AWS_CLI_sees_the_runs_a_disabled_one_never_fires_and_Ctrl_C_stops_everything()
    {
        var template = TemplateWithJobs();
        var port = FreePort.Next();
        using var up = UpProcess.Start("local", "up", "--template", template, "--port", port.ToString(CultureInfo.InvariantCulture), "--speed", "60");

        var banner = await up.WaitForLineAsync(line => line.StartsWith("ready:", StringComparison.Ordinal), Patience);
        var sfn = $"http://127.0.0.1:{port}";
        var stateMachineArn = up.Value(@"^\s+state machine\s+(\S+)");
        var dynamoDb = up.Value(@"^\s+DynamoDB\s+(\S+)");
        var table = up.Value(@"\(table (\S+)\)");
        Assert.Contains(up.Lines, line => line.Contains("never", StringComparison.Ordinal) && line.Contains("DISABLED", StringComparison.Ordinal));
        Assert.Contains(up.Lines, line => line.Contains("quick", StringComparison.Ordinal) && line.Contains("(+ up to 1 min, flexible window)", StringComparison.Ordinal));

        // rate(1 minute) starts at once and every local minute (a real second at --speed 60) after.
        var succeeded = await up.WaitForLineAsync(line => SucceededRun().IsMatch(line), Patience);
        var runId = SucceededRun().Match(succeeded).Groups[1].Value;
        var sleeping = await WaitForAsync(() => Descendants(up.Pid).Any(p => p.Command.Contains("sleep 600", StringComparison.Ordinal)), "the slow job's task process");

        // The ledger says SUCCEEDED one state before the execution closes: ask again until it has.
        Dictionary<string, string?> names = [];
        for (var watch = Stopwatch.StartNew(); names.GetValueOrDefault(runId) != "SUCCEEDED" && watch.Elapsed < Patience; await Task.Delay(200))
        {
            var executions = await AwsAsync("stepfunctions", "list-executions", "--endpoint-url", sfn, "--state-machine-arn", stateMachineArn);
            names = executions.GetProperty("executions").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("status").GetString());
        }

        Assert.Equal("SUCCEEDED", names[runId]);
        Assert.Contains(names, e => e.Key.StartsWith("slow-", StringComparison.Ordinal) && e.Value == "RUNNING");
        Assert.DoesNotContain(names.Keys, name => name.StartsWith("never-", StringComparison.Ordinal));

        var item = await AwsAsync("dynamodb", "get-item", "--endpoint-url", dynamoDb, "--table-name", table, "--key", "{\"runId\":{\"S\":\"" + runId + "\"}}");
        Assert.Equal("SUCCEEDED", item.GetProperty("Item").GetProperty("status").GetProperty("S").GetString());
        Assert.Equal("schedule", item.GetProperty("Item").GetProperty("trigger").GetProperty("S").GetString());

        // Our own CLI with the one URL the banner suggests: the endpoint passes its DynamoDB requests on to dynalite.
        var (runsCode, runsOut, runsError) = await Cli.RunAsync("runs", "--endpoint-url", sfn, "--table", table, "--job", "quick", "--json");
        Assert.True(runsCode == 0, runsError);
        Assert.Contains(runId, runsOut, StringComparison.Ordinal);

        var children = Descendants(up.Pid);
        Assert.Contains(children, p => p.Command.Contains("dynalite", StringComparison.Ordinal));
        up.Signal("INT");
        var exitCode = await up.WaitForExitAsync(Patience);

        Assert.True(exitCode == 0, $"local up exited {exitCode}:\n{up.Output}");
        Assert.Contains("stopped.", up.Lines);
        Assert.True(sleeping);
        var left = children.Where(p => IsAlive(p.Pid)).ToList();
        Assert.True(left.Count == 0, "left running: " + string.Join(", ", left.Select(p => $"{p.Pid} {p.Command}")));
        Assert.DoesNotContain(up.Lines, line => line.Contains("fired  never", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", up.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SIGTERM_as_a_service_manager_or_docker_stop_sends_it_stops_a_running_task_and_every_child_cleanly()
    {
        var template = TemplateWithJobs();
        var port = FreePort.Next();
        using var up = UpProcess.Start("local", "up", "--template", template, "--port", port.ToString(CultureInfo.InvariantCulture));
        await up.WaitForLineAsync(line => line.StartsWith("ready:", StringComparison.Ordinal), Patience);
        await WaitForAsync(() => Descendants(up.Pid).Any(p => p.Command.Contains("sleep 600", StringComparison.Ordinal)), "the slow job's task process");

        var children = Descendants(up.Pid);
        up.Signal("TERM");
        var exitCode = await up.WaitForExitAsync(Patience);

        Assert.True(exitCode == 0, $"local up exited {exitCode} on SIGTERM:\n{up.Output}");
        Assert.Contains("stopped.", up.Lines);
        var left = children.Where(p => IsAlive(p.Pid)).ToList();
        Assert.True(left.Count == 0, "left running: " + string.Join(", ", left.Select(p => $"{p.Pid} {p.Command}")));
        Assert.DoesNotContain("   at ", up.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_template_is_explained_with_its_location_exits_non_zero_and_starts_nothing()
    {
        var template = File.ReadAllText(TemplateWithJobs()).Replace("rate(1 hour)", "rate(1 hours please)", StringComparison.Ordinal);
        var path = _cli.Write("bad/template.yaml", template);
        _cli.Write("bad/statemachines/run-job.asl.json", File.ReadAllText(RepoPaths.Of("statemachines", "run-job.asl.json")));
        var port = FreePort.Next();

        var (code, output, error) = await Cli.RunAsync("local", "up", "--template", path, "--port", port.ToString(CultureInfo.InvariantCulture));

        Assert.Equal(2, code);
        Assert.Contains("Events.Slow", error, StringComparison.Ordinal);
        Assert.Contains("rate(1 hours please)", error, StringComparison.Ordinal);
        Assert.Contains("nothing was started", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.Empty(output);
        Assert.False(Directory.Exists(Path.Combine(_cli.Folder, "bad", ".local")), "no task may have run");
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
        listener.Start(); // the endpoint's port was never taken
    }

    [Fact]
    public async Task A_missing_template_a_bad_fault_spec_and_a_bad_override_are_explained_before_anything_starts()
    {
        var template = TemplateWithJobs();

        var (missing, _, missingError) = await Cli.RunAsync("local", "up", "--template", Path.Combine(_cli.Folder, "nope.yaml"));
        var (badSpec, _, specError) = await Cli.RunAsync("local", "up", "--template", template, "--inject", "eni=2");
        var (badOverride, _, overrideError) = await Cli.RunAsync("local", "up", "--template", template, "--parameter-overrides", "RetentionDays");

        Assert.Equal(2, missing);
        Assert.Contains("no such file", missingError, StringComparison.Ordinal);
        Assert.Equal(2, badSpec);
        Assert.Contains("eni", specError, StringComparison.Ordinal);
        Assert.Equal(2, badOverride);
        Assert.Contains("'RetentionDays' is not Key=Value", overrideError, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\[[^\]]+\] run\s+(quick-\S+)\s+quick\s+schedule\s+SUCCEEDED\b")]
    private static partial Regex SucceededRun();

    /// <summary>
    /// The real template with its one job replaced by three: quick (every minute, within a one-minute flexible window), slow
    /// (a long task, fires at start), never (DISABLED). A week's timeout keeps the slow task running however loaded the machine is.
    /// </summary>
    private string TemplateWithJobs()
    {
        var text = File.ReadAllText(RepoPaths.Of("template.yaml"));
        var from = text.IndexOf("        NightlyReport:\n", StringComparison.Ordinal);
        var to = text.IndexOf("  # ---------------------------------------------------------------- the workflow", StringComparison.Ordinal);
        Assert.True(from > 0 && to > from, "the real template's job event moved: update this test");
        var events = Event("Quick", "quick", "rate(1 minute)", "echo quick", "            FlexibleTimeWindow:\n              Mode: FLEXIBLE\n              MaximumWindowInMinutes: 1\n")
            + Event("Slow", "slow", "rate(1 hour)", "sleep 600")
            + Event("Never", "never", "rate(1 minute)", "echo never", "            State: DISABLED\n");
        var folder = "t" + Guid.NewGuid().ToString("N")[..8];
        _cli.Write(folder + "/statemachines/run-job.asl.json", File.ReadAllText(RepoPaths.Of("statemachines", "run-job.asl.json")));
        return _cli.Write(folder + "/template.yaml", text[..from] + events + "\n" + text[to..]);
    }

    private static string Event(string name, string job, string expression, string command, string extra = "") => $$"""
                {{name}}:
                  Type: ScheduleV2
                  Properties:
                    ScheduleExpression: {{expression}}
        {{extra}}            Input: !Sub |
                      { "job": "{{job}}", "scheduledTime": "<aws.scheduler.scheduled-time>", "concurrency": "Allow", "timeoutSeconds": 604800,
                        "task": { "taskDefinition": "${NightlyReportTask}", "container": "report", "command": ["sh", "-c", "{{command}}"] } }

        """;

    private static async Task<JsonElement> AwsAsync(params string[] args)
    {
        Assert.True(File.Exists("/usr/bin/aws"), "install the AWS CLI v2 (Debian: apt-get install awscli); make test and .ci/run do");
        var start = new ProcessStartInfo("/usr/bin/aws") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args.Concat(["--region", "us-east-1", "--output", "json", "--no-cli-pager"]))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["AWS_ACCESS_KEY_ID"] = "x";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "x";
        start.Environment["AWS_CONFIG_FILE"] = "/nonexistent/aws-config";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/aws-credentials";
        start.Environment["AWS_PAGER"] = string.Empty;
        start.Environment.Remove("AWS_PROFILE");
        using var aws = Process.Start(start)!;
        var output = aws.StandardOutput.ReadToEndAsync();
        var error = await aws.StandardError.ReadToEndAsync();
        await aws.WaitForExitAsync();
        Assert.True(aws.ExitCode == 0, $"aws {string.Join(' ', args)}: {error}");
        return JsonDocument.Parse(await output).RootElement.Clone();
    }

    private static async Task<bool> WaitForAsync(Func<bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < Patience, $"{what} did not appear within {Patience}");
            await Task.Delay(100);
        }

        return true;
    }

    /// <summary>Every process below <paramref name="root"/>, from /proc.</summary>
    private static List<(int Pid, string Command)> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && Stat(pid) is { } stat)
            {
                parents[pid] = stat.Parent;
            }
        }

        var found = new List<(int, string)>();
        var queue = new Queue<int>([root]);
        while (queue.TryDequeue(out var parent))
        {
            foreach (var child in parents.Where(p => p.Value == parent).Select(p => p.Key))
            {
                found.Add((child, Command(child)));
                queue.Enqueue(child);
            }
        }

        return found;
    }

    private static bool IsAlive(int pid) => Stat(pid) is { State: not 'Z' };

    private static (char State, int Parent)? Stat(int pid)
    {
        try
        {
            // Fields after the command name, which is in parentheses and may hold spaces: state, ppid, ...
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string Command(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }

    public void Dispose() => _cli.Dispose();

    /// <summary>The CLI as its own process (`dotnet orchestrator.dll ...`), its output collected line by line.</summary>
    private sealed class UpProcess : IDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _lines = new();
        private readonly ConcurrentQueue<string> _errors = new();

        private UpProcess(Process process) => _process = process;

        public int Pid => _process.Id;

        public IReadOnlyList<string> Lines => [.. _lines];

        public string Errors => string.Join('\n', _errors);

        public string Output => string.Join('\n', _lines) + "\nstderr:\n" + Errors;

        public static UpProcess Start(params string[] args)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "orchestrator.dll"));
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            var up = new UpProcess(new Process { StartInfo = start });
            up._process.OutputDataReceived += (_, e) => { if (e.Data is not null) { up._lines.Enqueue(e.Data); } };
            up._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { up._errors.Enqueue(e.Data); } };
            up._process.Start();
            up._process.BeginOutputReadLine();
            up._process.BeginErrorReadLine();
            return up;
        }

        public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan patience)
        {
            var watch = Stopwatch.StartNew();
            while (true)
            {
                if (_lines.FirstOrDefault(match) is { } line)
                {
                    return line;
                }

                Assert.False(_process.HasExited, $"local up exited with {(_process.HasExited ? _process.ExitCode : 0)}:\n{Output}");
                Assert.True(watch.Elapsed < patience, $"no such line within {patience}:\n{Output}");
                await Task.Delay(100);
            }
        }

        public string Value(string pattern) =>
            _lines.Select(line => Regex.Match(line, pattern)).FirstOrDefault(m => m.Success)?.Groups[1].Value
            ?? throw new InvalidOperationException($"no line matches {pattern}:\n{Output}");

        public void Signal(string signal)
        {
            using var kill = Process.Start("kill", ["-" + signal, Pid.ToString(CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }

        public async Task<int> WaitForExitAsync(TimeSpan patience)
        {
            using var timeout = new CancellationTokenSource(patience);
            await _process.WaitForExitAsync(timeout.Token);
            _process.WaitForExit(); // drains the redirected output
            return _process.ExitCode;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }
    }
}
