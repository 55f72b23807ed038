using System.Diagnostics;

namespace Orchestrator.Local.Tasks.Runtimes;

/// <summary>How a task's container becomes a process: the command itself, or `docker run` of the image.</summary>
public interface IContainerRuntime
{
    /// <summary>A short description for logs and summaries, e.g. "processes" or "docker 27.1".</summary>
    string Description { get; }

    ProcessStartInfo StartInfo(ContainerLaunch launch, string taskId);

    /// <summary>Stops a running container; the process tree is killed by the caller afterwards either way.</summary>
    ValueTask StopAsync(string taskId, CancellationToken cancellation);
}

/// <summary>Runs the container command as a local process with the container's environment (not the host's).</summary>
public sealed class ProcessRuntime(string description = "processes") : IContainerRuntime
{
    public string Description { get; } = description;

    public ProcessStartInfo StartInfo(ContainerLaunch launch, string taskId)
    {
        ArgumentNullException.ThrowIfNull(launch);
        var start = NewStartInfo(launch.Argv[0], launch.WorkingDirectory);
        foreach (var arg in launch.Argv.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        // A container does not inherit the host's environment; PATH and HOME keep `sh`, `sleep` and friends findable.
        start.Environment.Clear();
        CopyHostVariable(start, "PATH");
        CopyHostVariable(start, "HOME");
        foreach (var (name, value) in launch.Environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    public ValueTask StopAsync(string taskId, CancellationToken cancellation) => ValueTask.CompletedTask;

    internal static ProcessStartInfo NewStartInfo(string fileName, string workingDirectory) => new(fileName)
    {
        UseShellExecute = false,
        RedirectStandardInput = true,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        WorkingDirectory = workingDirectory,
    };

    internal static void CopyHostVariable(ProcessStartInfo start, string name)
    {
        if (Environment.GetEnvironmentVariable(name) is { } value)
        {
            start.Environment[name] = value;
        }
    }
}

/// <summary>Runs the image with `docker run --rm`; variables are passed by name so their values never show in argv.</summary>
public sealed class DockerRuntime(string dockerPath, string engineVersion) : IContainerRuntime
{
    public string Description => "docker " + engineVersion;

    public static string ContainerName(string taskId) => "ecs-local-" + taskId;

    public ProcessStartInfo StartInfo(ContainerLaunch launch, string taskId)
    {
        ArgumentNullException.ThrowIfNull(launch);
        var start = ProcessRuntime.NewStartInfo(dockerPath, launch.WorkingDirectory);
        start.Environment.Clear();
        ProcessRuntime.CopyHostVariable(start, "PATH");
        ProcessRuntime.CopyHostVariable(start, "HOME");
        ProcessRuntime.CopyHostVariable(start, "DOCKER_HOST");
        string[] head = ["run", "--rm", "--name", ContainerName(taskId)];
        foreach (var arg in head)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in launch.Environment)
        {
            start.ArgumentList.Add("-e");
            start.ArgumentList.Add(name);
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(launch.Image);
        foreach (var arg in launch.Argv)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    public async ValueTask StopAsync(string taskId, CancellationToken cancellation)
    {
        var start = ProcessRuntime.NewStartInfo(dockerPath, Directory.GetCurrentDirectory());
        start.ArgumentList.Add("kill");
        start.ArgumentList.Add(ContainerName(taskId));
        using var kill = Process.Start(start);
        if (kill is not null)
        {
            await kill.WaitForExitAsync(cancellation);
        }
    }
}
