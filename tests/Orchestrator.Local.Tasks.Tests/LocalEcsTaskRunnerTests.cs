using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Orchestrator.States.Integrations;

namespace Orchestrator.Local.Tasks.Tests;

/// <summary>Real processes behind RunTask/WaitUntilStopped, checked against the task shapes AWS returns.</summary>
public sealed partial class LocalEcsTaskRunnerTests : IDisposable
{
    private readonly TaskFixtures _fixtures = new();

    [Fact]
    public async Task RunTask_answers_at_once_with_the_PROVISIONING_task()
    {
        await using var runner = _fixtures.Runner(TaskFixtures.Definition("sh", "-c", "exit 0"));

        var response = Assert.IsType<EcsRunTaskResponse>(await runner.RunTaskAsync(TaskFixtures.Request(), CancellationToken.None)).Response;

        var task = Assert.Single(response["Tasks"]!.AsArray())!.AsObject();
        Assert.Equal("PROVISIONING", (string?)task["LastStatus"]);
        Assert.Equal("RUNNING", (string?)task["DesiredStatus"]);
        Assert.Matches(TaskArnPattern(), (string)task["TaskArn"]!);
        Assert.Equal("family:local-job", (string?)task["Group"]);
        Assert.Empty(response["Failures"]!.AsArray());
        await runner.WaitUntilStoppedAsync((string)task["TaskArn"]!, CancellationToken.None);
    }

    [Fact]
    public async Task A_command_that_exits_0_stops_with_the_DescribeTasks_shape_and_its_output_in_the_log_file()
    {
        await using var runner = _fixtures.Runner(TaskFixtures.Definition("sh", "-c", "echo to-stdout; echo to-stderr >&2; exit 0"));

        var (arn, task) = await TaskFixtures.RunToStopAsync(runner, TaskFixtures.Request());

        Assert.Equal(arn, (string?)task["TaskArn"]);
        Assert.Equal(TaskFixtures.ClusterArn, (string?)task["ClusterArn"]);
        Assert.Equal(TaskFixtures.DefinitionArn, (string?)task["TaskDefinitionArn"]);
        Assert.Equal("STOPPED", (string?)task["LastStatus"]);
        Assert.Equal("STOPPED", (string?)task["DesiredStatus"]);
        Assert.Equal("EssentialContainerExited", (string?)task["StopCode"]);
        Assert.Equal("Essential container in task exited", (string?)task["StoppedReason"]);
        Assert.Equal("FARGATE", (string?)task["LaunchType"]);
        Assert.Equal("256", (string?)task["Cpu"]);
        Assert.Equal("512", (string?)task["Memory"]);
        Assert.Equal("AWS Step Functions", (string?)task["StartedBy"]);
        Assert.Equal("""[{"Key":"orchestrator:job","Value":"job"}]""", task["Tags"]!.ToJsonString());
        Assert.Equal("main", (string?)task["Overrides"]!["ContainerOverrides"]![0]!["Name"]);
        Assert.Equal("[]", task["Overrides"]!["ContainerOverrides"]![0]!["Command"]!.ToJsonString());
        foreach (var time in new[] { "CreatedAt", "PullStartedAt", "PullStoppedAt", "StartedAt", "StoppingAt", "ExecutionStoppedAt", "StoppedAt" })
        {
            Assert.True(task[time] is JsonValue value && value.TryGetValue<long>(out var ms) && ms > 1_600_000_000_000, $"{time} is not epoch ms: {task[time]?.ToJsonString()}");
        }

        Assert.True((long)task["CreatedAt"]! <= (long)task["StartedAt"]! && (long)task["StartedAt"]! <= (long)task["StoppedAt"]!);
        var container = task["Containers"]![0]!;
        Assert.Equal("main", (string?)container["Name"]);
        Assert.Equal(0, (int?)container["ExitCode"]);
        Assert.Equal("STOPPED", (string?)container["LastStatus"]);
        Assert.Equal("public.ecr.aws/docker/library/busybox:stable", (string?)container["Image"]);
        Assert.Equal(arn, (string?)container["TaskArn"]);
        Assert.Null(task["Containers"]![1]!["ExitCode"]);
        Assert.True(EcsRunTaskHandler.Succeeded(task));

        var taskId = arn[(arn.LastIndexOf('/') + 1)..];
        var expectedLog = Path.Combine(_fixtures.Logs, "job", "main", taskId + ".log");
        Assert.Equal(expectedLog, runner.LogPath(arn));
        var lines = await File.ReadAllLinesAsync(expectedLog);
        Assert.Equal(["to-stderr", "to-stdout"], lines.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_command_that_exits_3_reports_exit_code_3_and_fails_the_sync_step()
    {
        await using var runner = _fixtures.Runner(TaskFixtures.Definition("sh", "-c", "exit 3"));

        var (_, task) = await TaskFixtures.RunToStopAsync(runner, TaskFixtures.Request());

        Assert.Equal(3, TaskFixtures.ExitCode(task));
        Assert.Equal("EssentialContainerExited", (string?)task["StopCode"]);
        Assert.False(EcsRunTaskHandler.Succeeded(task));
    }

    [Fact]
    public async Task Command_override_replaces_the_command_and_environment_overrides_merge_by_name()
    {
        await using var runner = _fixtures.Runner(TaskFixtures.Definition("sh", "-c", "echo definition command"));
        Environment.SetEnvironmentVariable("ORCHESTRATOR_HOST_ONLY", "leaked");
        var request = TaskFixtures.Request(
            command: new JsonArray("sh", "-c", "echo \"A=$A B=$B C=$C host=$ORCHESTRATOR_HOST_ONLY region=$AWS_REGION\""),
            environment: new JsonArray(new JsonObject { ["Name"] = "B", ["Value"] = "override" }, new JsonObject { ["Name"] = "C", ["Value"] = "new" }));

        var (arn, task) = await TaskFixtures.RunToStopAsync(runner, request);

        Assert.Equal(0, TaskFixtures.ExitCode(task));
        Assert.Equal(["A=1 B=override C=new host= region=us-east-1"], await File.ReadAllLinesAsync(runner.LogPath(arn)!));
        Assert.Equal("""["sh","-c","echo \u0022A=$A B=$B C=$C host=$ORCHESTRATOR_HOST_ONLY region=$AWS_REGION\u0022"]""", task["Overrides"]!["ContainerOverrides"]![0]!["Command"]!.ToJsonString());
    }

    [Fact]
    public async Task Command_arrays_run_directly_without_shell_reparsing()
    {
        await using var runner = _fixtures.Runner(TaskFixtures.Definition("printf", "%s|", "two words", "$HOME", "; exit 9"));

        var (arn, task) = await TaskFixtures.RunToStopAsync(runner, TaskFixtures.Request());

        Assert.Equal(0, TaskFixtures.ExitCode(task));
        Assert.Equal(["two words|$HOME|; exit 9|"], await File.ReadAllLinesAsync(runner.LogPath(arn)!));
    }

    [Fact]
    public async Task Cancelling_the_wait_kills_the_process_tree_and_stops_the_task_UserInitiated()
    {
        await using var runner = _fixtures.Runner(TaskFixtures.Definition("sh", "-c", "sleep 30 & echo $!; wait; echo never"));
        var arn = TaskFixtures.Started(await runner.RunTaskAsync(TaskFixtures.Request(), CancellationToken.None));
        var childPid = await ReadChildPidAsync(runner.LogPath(arn)!);
        using var timeout = new CancellationTokenSource();

        var waiting = runner.WaitUntilStoppedAsync(arn, timeout.Token).AsTask();
        await timeout.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(20)));
        var task = await runner.Find(arn)!.Stopped.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("UserInitiated", (string?)task["StopCode"]);
        Assert.Equal("Task stopped by user", (string?)task["StoppedReason"]);
        Assert.Equal(137, TaskFixtures.ExitCode(task));
        Assert.False(EcsRunTaskHandler.Succeeded(task));
        Assert.True(await IsGoneAsync(childPid), $"the background sleep (pid {childPid}) outlived its task");
        Assert.DoesNotContain("never", await File.ReadAllTextAsync(runner.LogPath(arn)!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_task_definition_is_a_ClientException()
    {
        await using var runner = _fixtures.Runner(TaskFixtures.Definition("true"));
        var request = TaskFixtures.Request();
        request["TaskDefinition"] = "arn:aws:ecs:us-east-1:123456789012:task-definition/nope:1";

        var error = Assert.IsType<EcsApiError>(await runner.RunTaskAsync(request, CancellationToken.None));

        Assert.Equal("ClientException", error.ExceptionName);
        Assert.Equal("TaskDefinition not found.", error.Message);
    }

    [Theory]
    [InlineData("local-job")]
    [InlineData("local-job:1")]
    [InlineData(TaskFixtures.DefinitionArn)]
    public async Task A_task_definition_is_found_by_family_revision_or_arn(string reference)
    {
        await using var runner = _fixtures.Runner(TaskFixtures.Definition("true"));
        var request = TaskFixtures.Request();
        request["TaskDefinition"] = reference;

        var (_, task) = await TaskFixtures.RunToStopAsync(runner, request);

        Assert.Equal(TaskFixtures.DefinitionArn, (string?)task["TaskDefinitionArn"]);
    }

    [Fact]
    public async Task An_override_for_a_container_the_definition_lacks_is_an_InvalidParameterException()
    {
        await using var runner = _fixtures.Runner(TaskFixtures.Definition("true"));
        var request = TaskFixtures.Request();
        request["Overrides"]!["ContainerOverrides"]![0]!["Name"] = "ghost";

        var error = Assert.IsType<EcsApiError>(await runner.RunTaskAsync(request, CancellationToken.None));

        Assert.Equal("InvalidParameterException", error.ExceptionName);
        Assert.Contains("ghost", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_that_cannot_start_stops_TaskFailedToStart_without_an_exit_code()
    {
        await using var runner = _fixtures.Runner(TaskFixtures.Definition("no-such-command-orchestrator", "arg"));

        var (_, task) = await TaskFixtures.RunToStopAsync(runner, TaskFixtures.Request());

        Assert.Equal("TaskFailedToStart", (string?)task["StopCode"]);
        Assert.StartsWith("CannotStartContainerError: ", (string?)task["StoppedReason"], StringComparison.Ordinal);
        Assert.Contains("no-such-command-orchestrator", (string?)task["StoppedReason"], StringComparison.Ordinal);
        Assert.Null(task["Containers"]![0]!["ExitCode"]);
        Assert.Null(task["StartedAt"]);
        Assert.False(EcsRunTaskHandler.Succeeded(task));
    }

    [Fact]
    public async Task Fifty_tasks_run_at_once_each_with_its_own_exit_code_and_log()
    {
        await using var runner = _fixtures.Runner(TaskFixtures.Definition("true"));
        var runs = Enumerable.Range(0, 50).Select(async n =>
        {
            var command = new JsonArray("sh", "-c", $"echo task {n}; exit {n % 4}");
            var (arn, task) = await TaskFixtures.RunToStopAsync(runner, TaskFixtures.Request(command));
            return (n, arn, task);
        }).ToList();

        var results = await Task.WhenAll(runs);

        Assert.Equal(50, results.Select(r => r.arn).Distinct(StringComparer.Ordinal).Count());
        foreach (var (n, arn, task) in results)
        {
            Assert.Equal(n % 4, TaskFixtures.ExitCode(task));
            Assert.Equal([$"task {n}"], await File.ReadAllLinesAsync(runner.LogPath(arn)!));
        }
    }

    [Fact]
    public async Task Through_the_sync_handler_success_is_the_bare_task_and_failure_is_States_TaskFailed_with_the_task_as_Cause()
    {
        await using var runner = _fixtures.Runner(TaskFixtures.Definition("sh", "-c", "exit 0"));
        var handler = new EcsRunTaskHandler(runner);
        TaskInvocation Invocation(JsonArray? command) => new()
        {
            Resource = EcsRunTaskHandler.RunTaskSync,
            Parameters = TaskFixtures.Request(command),
            StateName = "RunTask",
            ExecutionArn = "arn:aws:states:us-east-1:123456789012:execution:run-job:x",
            ExecutionName = "x",
        };

        var success = await handler.InvokeAsync(Invocation(null), CancellationToken.None);
        var failure = await handler.InvokeAsync(Invocation(new JsonArray("sh", "-c", "exit 5")), CancellationToken.None);

        var output = Assert.IsType<JsonObject>(Assert.IsType<TaskSucceeded>(success).Output);
        Assert.Equal("EssentialContainerExited", (string?)output["StopCode"]);
        Assert.Null(output["Tasks"]);
        var failed = Assert.IsType<TaskFailure>(failure);
        Assert.Equal("States.TaskFailed", failed.Error);
        var cause = JsonNode.Parse(failed.Cause!)!;
        Assert.Equal(5, (int?)cause["Containers"]![0]!["ExitCode"]);
    }

    private static async Task<int> ReadChildPidAsync(string logPath)
    {
        for (var i = 0; i < 400; i++)
        {
            if (File.Exists(logPath) && (await File.ReadAllLinesAsync(logPath)).FirstOrDefault() is { Length: > 0 } line)
            {
                return int.Parse(line, CultureInfo.InvariantCulture);
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("the task never printed its child's pid");
    }

    /// <summary>Gone, or a zombie waiting for a reaper (it no longer runs).</summary>
    private static async Task<bool> IsGoneAsync(int pid)
    {
        for (var i = 0; i < 200; i++)
        {
            var stat = $"/proc/{pid}/stat";
            if (!File.Exists(stat))
            {
                return true;
            }

            try
            {
                var text = await File.ReadAllTextAsync(stat);
                var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
                if (state is "Z" or "X")
                {
                    return true;
                }
            }
            catch (IOException)
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    [GeneratedRegex("^arn:aws:ecs:us-east-1:123456789012:task/orchestrator/[0-9a-f]{32}$")]
    private static partial Regex TaskArnPattern();

    public void Dispose() => _fixtures.Dispose();
}
