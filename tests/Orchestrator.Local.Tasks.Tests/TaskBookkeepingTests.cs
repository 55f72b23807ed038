using Orchestrator.Testing;

namespace Orchestrator.Local.Tasks.Tests;

public sealed class TaskBookkeepingTests : IDisposable
{
    private readonly TaskFixtures _fixtures = new();

    [Fact]
    public async Task Stopped_tasks_are_forgotten_after_the_retention_as_DescribeTasks_forgets_them()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 21, 3, 0, 0, TimeSpan.Zero));
        await using var runner = new LocalEcsTaskRunner([TaskFixtures.Definition("true")], new LocalEcsOptions { LogsDirectory = _fixtures.Logs, Time = clock });
        var (old, _) = await TaskFixtures.RunToStopAsync(runner, TaskFixtures.Request());

        clock.Advance(TimeSpan.FromMinutes(61));
        var (recent, _) = await TaskFixtures.RunToStopAsync(runner, TaskFixtures.Request());

        Assert.Null(runner.Find(old));
        Assert.NotNull(runner.Find(recent));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.WaitUntilStoppedAsync(old, CancellationToken.None).AsTask());
        Assert.Contains(old, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("job/main/abc", "job/main/abc.log")]
    [InlineData("../../etc/main/abc", "_/_/etc/main/abc.log")]
    [InlineData("a\0b/main/abc", "a_b/main/abc.log")]
    public void Log_paths_mirror_the_stream_name_and_stay_inside_the_logs_folder(string stream, string relative)
    {
        var path = ContainerLaunchPlanner.LogFilePath(_fixtures.Logs, stream);

        Assert.Equal(Path.Combine(Path.GetFullPath(_fixtures.Logs), relative), path);
    }

    public void Dispose() => _fixtures.Dispose();
}
