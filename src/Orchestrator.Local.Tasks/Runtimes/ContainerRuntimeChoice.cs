using System.ComponentModel;
using System.Diagnostics;

namespace Orchestrator.Local.Tasks.Runtimes;

/// <summary>The runtime local ECS uses, and why (printed so a user sees why Docker was or was not used).</summary>
public sealed record ContainerRuntimeChoice(IContainerRuntime Runtime, string Reason)
{
    public static ContainerRuntimeChoice Processes { get; } = new(new ProcessRuntime(), "Docker not requested");

    /// <summary>Docker only when asked for, found on the search path, and its engine answers; processes otherwise.</summary>
    public static async Task<ContainerRuntimeChoice> ChooseAsync(bool useDocker, string? searchPath, TimeSpan engineTimeout, CancellationToken cancellation = default)
    {
        if (!useDocker)
        {
            return Processes;
        }

        var docker = FindOnPath("docker", searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "");
        if (docker is null)
        {
            return new(new ProcessRuntime(), "docker is not on PATH; running commands as processes");
        }

        var start = ProcessRuntime.NewStartInfo(docker, Directory.GetCurrentDirectory());
        foreach (var arg in new[] { "version", "--format", "{{.Server.Version}}" })
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            using var probe = Process.Start(start) ?? throw new Win32Exception("docker did not start");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            timeout.CancelAfter(engineTimeout);
            var output = probe.StandardOutput.ReadToEndAsync(timeout.Token);
            try
            {
                await probe.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
            {
                probe.Kill(entireProcessTree: true);
                return new(new ProcessRuntime(), $"no Docker engine answered `{docker} version` within {engineTimeout.TotalSeconds:0}s; running commands as processes");
            }

            var version = (await output).Trim();
            return probe.ExitCode == 0 && version.Length > 0
                ? new(new DockerRuntime(docker, version), $"Docker engine {version} answered")
                : new(new ProcessRuntime(), $"no Docker engine answered `{docker} version` (exit {probe.ExitCode}); running commands as processes");
        }
        catch (Win32Exception ex)
        {
            return new(new ProcessRuntime(), $"{docker} could not be run ({ex.Message}); running commands as processes");
        }
    }

    /// <summary>The first executable file called <paramref name="name"/> in the PATH-style list.</summary>
    public static string? FindOnPath(string name, string searchPath)
    {
        ArgumentNullException.ThrowIfNull(searchPath);
        foreach (var dir in searchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0))
            {
                return candidate;
            }
        }

        return null;
    }
}
