using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Orchestrator.Local.Tasks.Faults;
using Orchestrator.Local.Tasks.Runtimes;

namespace Orchestrator.Local.Tasks;

/// <summary>
/// One task from RunTask to STOPPED: starts the launch's process (or plays the injected fault), copies its stdout and
/// stderr line by line into the log file, and on a stop request kills the process tree. <see cref="Stopped"/> always
/// completes with the DescribeTasks object, whatever happened.
/// </summary>
public sealed class LocalTask
{
    // Output a backgrounded grandchild keeps open must not keep the task from stopping, as a container's end kills it.
    private static readonly TimeSpan OutputDrainLimit = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan KillWaitLimit = TimeSpan.FromSeconds(10);

    private readonly IContainerRuntime _runtime;
    private readonly TimeProvider _time;
    private readonly LaunchFault _fault;
    private readonly TaskCompletionSource _stopRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<JsonObject> _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal LocalTask(TaskIdentity identity, ContainerLaunch launch, LaunchFault fault, IContainerRuntime runtime, TimeProvider time)
    {
        Identity = identity;
        Launch = launch;
        _fault = fault;
        _runtime = runtime;
        _time = time;
        Timeline = new TaskTimeline(Now());
    }

    public TaskIdentity Identity { get; }

    public ContainerLaunch Launch { get; }

    public TaskTimeline Timeline { get; }

    public string TaskArn => Identity.TaskArn;

    /// <summary>The DescribeTasks object once the task is STOPPED.</summary>
    public Task<JsonObject> Stopped => _stopped.Task;

    /// <summary>When the task stopped (epoch ms), for pruning.</summary>
    public long? StoppedAt => Stopped.IsCompleted ? Timeline.StoppedAt : null;

    public JsonObject Provisioning() => TaskDocument.Provisioning(Identity, Launch, Timeline);

    internal void Start() => _ = Task.Run(RunAsync);

    /// <summary>StopTask: the process tree is killed and the task stops with StopCode UserInitiated.</summary>
    public void RequestStop()
    {
        _stopRequested.TrySetResult();
    }

    private async Task RunAsync()
    {
        TaskEnd end;
        try
        {
            end = await ExecuteAsync();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            // The log file or the process plumbing failed before the container ran: ECS would not start such a task either.
            end = TaskEnd.FailedToStart("CannotStartContainerError: " + ex.Message);
        }

        var now = Now();
        Timeline.StoppingAt ??= now;
        Timeline.StoppedAt = now;
        _stopped.TrySetResult(TaskDocument.Stopped(Identity, Launch, Timeline, end));
    }

    private async Task<TaskEnd> ExecuteAsync()
    {
        if (_fault is LaunchFault.EniFailure eni)
        {
            return TaskEnd.FailedToStart(eni.StoppedReason);
        }

        if (_stopRequested.Task.IsCompleted)
        {
            return TaskEnd.StoppedByUser(null);
        }

        Timeline.PullStartedAt = Now();
        Timeline.PullStoppedAt = Now();
        Directory.CreateDirectory(Path.GetDirectoryName(Launch.LogPath)!);
        await using var log = new TaskLog(Launch.LogPath);
        if (_fault is LaunchFault.Exit exit)
        {
            Timeline.StartedAt = Now();
            log.WriteLine($"[local fault injection] exit code {exit.Code} injected; the command was not run");
            Timeline.ExecutionStoppedAt = Now();
            return TaskEnd.Exited(exit.Code);
        }

        if (Launch.Argv.IsEmpty)
        {
            return TaskEnd.FailedToStart("CannotStartContainerError: no command specified: the task definition gives no Command or EntryPoint for container " + Launch.Container);
        }

        Process process;
        try
        {
            process = Process.Start(_runtime.StartInfo(Launch, Identity.TaskId)) ?? throw new Win32Exception("the process did not start");
        }
        catch (Win32Exception ex)
        {
            // The wording Docker/runc gives for a missing executable, which ECS reports as CannotStartContainerError.
            log.WriteLine($"[local] cannot start {Launch.Argv[0]}: {ex.Message}");
            return TaskEnd.FailedToStart($"CannotStartContainerError: Error response from daemon: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: \"{Launch.Argv[0]}\": executable file not found in $PATH: unknown");
        }

        using (process)
        {
            Timeline.StartedAt = Now();
            process.StandardInput.Close();
            var output = Task.WhenAll(CopyLinesAsync(process.StandardOutput, log), CopyLinesAsync(process.StandardError, log));
            var exited = process.WaitForExitAsync();
            var stoppedByUser = await Task.WhenAny(exited, _stopRequested.Task) != exited;
            if (stoppedByUser)
            {
                Timeline.StoppingAt = Now();
                await KillAsync(process);
            }

            Timeline.ExecutionStoppedAt = Now();
            try
            {
                await output.WaitAsync(OutputDrainLimit);
            }
            catch (TimeoutException)
            {
                log.WriteLine("[local] output still open after the essential container exited; the rest is not captured");
            }

            int? exitCode = process.HasExited ? process.ExitCode : null;
            return stoppedByUser ? TaskEnd.StoppedByUser(exitCode) : TaskEnd.Exited(exitCode ?? -1);
        }
    }

    private async Task KillAsync(Process process)
    {
        using var limit = new CancellationTokenSource(KillWaitLimit);
        try
        {
            await _runtime.StopAsync(Identity.TaskId, limit.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or Win32Exception or InvalidOperationException)
        {
            // Killing the process tree below still ends the local part of the task.
        }

        try
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(limit.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or Win32Exception or InvalidOperationException)
        {
            // Exited on its own meanwhile, or would not die within the limit: report what is known.
        }
    }

    private static async Task CopyLinesAsync(StreamReader reader, TaskLog log)
    {
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                log.WriteLine(line);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The pipe closed under us when the process was disposed; nothing more to copy.
        }
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>The task's log file: lines from both streams in arrival order, flushed per line so `tail -f` works.</summary>
    private sealed class TaskLog(string path) : IAsyncDisposable
    {
        private readonly StreamWriter _writer = new(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        private readonly Lock _gate = new();
        private bool _closed;

        public void WriteLine(string line)
        {
            lock (_gate)
            {
                if (!_closed)
                {
                    _writer.WriteLine(line);
                }
            }
        }

        public ValueTask DisposeAsync()
        {
            lock (_gate)
            {
                _closed = true;
                _writer.Dispose();
            }

            return ValueTask.CompletedTask;
        }
    }
}
