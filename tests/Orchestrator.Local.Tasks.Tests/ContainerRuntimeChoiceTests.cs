using Orchestrator.Local.Tasks.Runtimes;

namespace Orchestrator.Local.Tasks.Tests;

/// <summary>Docker is used only when asked for, found on PATH and its engine answers; fake `docker` scripts stand in for it.</summary>
public sealed class ContainerRuntimeChoiceTests : IDisposable
{
    private readonly string _bin = Directory.CreateTempSubdirectory("orchestrator-fake-docker-").FullName;
    private readonly TaskFixtures _fixtures = new();

    [Fact]
    public async Task Without_UseDocker_commands_run_as_processes()
    {
        FakeDocker("echo 27.0.1");

        var choice = await ContainerRuntimeChoice.ChooseAsync(useDocker: false, _bin, TimeSpan.FromSeconds(5));

        Assert.IsType<ProcessRuntime>(choice.Runtime);
        Assert.Equal("Docker not requested", choice.Reason);
    }

    [Fact]
    public async Task Docker_missing_from_PATH_falls_back_to_processes()
    {
        var choice = await ContainerRuntimeChoice.ChooseAsync(useDocker: true, _bin, TimeSpan.FromSeconds(5));

        Assert.IsType<ProcessRuntime>(choice.Runtime);
        Assert.Contains("not on PATH", choice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_docker_client_without_an_engine_falls_back_to_processes()
    {
        FakeDocker("echo 'Cannot connect to the Docker daemon' >&2; exit 1");

        var choice = await ContainerRuntimeChoice.ChooseAsync(useDocker: true, _bin, TimeSpan.FromSeconds(5));

        Assert.IsType<ProcessRuntime>(choice.Runtime);
        Assert.Contains("no Docker engine answered", choice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_engine_that_does_not_answer_in_time_falls_back_to_processes()
    {
        FakeDocker("exec sleep 30");

        var choice = await ContainerRuntimeChoice.ChooseAsync(useDocker: true, _bin, TimeSpan.FromMilliseconds(500));

        Assert.IsType<ProcessRuntime>(choice.Runtime);
        Assert.Contains("within", choice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answering_engine_runs_tasks_with_docker_run_and_variables_passed_by_name()
    {
        // The fake prints its argv and one variable's value, as `docker run` would hand it to the container.
        FakeDocker("""if [ "$1" = version ]; then echo 27.0.1; exit 0; fi; echo "$@"; echo "B=$B"; exit 4""");
        var choice = await ContainerRuntimeChoice.ChooseAsync(useDocker: true, _bin, TimeSpan.FromSeconds(5));
        Assert.Equal("docker 27.0.1", choice.Runtime.Description);
        await using var runner = new LocalEcsTaskRunner([TaskFixtures.Definition("sh", "-c", "echo hi")], new LocalEcsOptions { LogsDirectory = _fixtures.Logs }, choice);

        var (arn, task) = await TaskFixtures.RunToStopAsync(runner, TaskFixtures.Request());

        var taskId = arn[(arn.LastIndexOf('/') + 1)..];
        Assert.Equal(4, TaskFixtures.ExitCode(task));
        Assert.Equal(
            [$"run --rm --name ecs-local-{taskId} -e A -e AWS_DEFAULT_REGION -e AWS_EXECUTION_ENV -e AWS_REGION -e B public.ecr.aws/docker/library/busybox:stable sh -c echo hi", "B=2"],
            await File.ReadAllLinesAsync(runner.LogPath(arn)!));
    }

    private void FakeDocker(string body)
    {
        var path = Path.Combine(_bin, "docker");
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public void Dispose()
    {
        Directory.Delete(_bin, recursive: true);
        _fixtures.Dispose();
    }
}
