using System.Text;
using Orchestrator.Scheduling.Jobs;

namespace Orchestrator.Scheduling.Tests;

public sealed class JobBlockTests
{
    [Fact]
    public void A_minimal_block_gets_the_documented_defaults()
    {
        var input = Parse("""{"job":"j","scheduledTime":"2026-11-21T03:00:00Z","task":{"taskDefinition":"td","container":"c"}}""");

        var job = input.Job;
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 3, 0, 0, TimeSpan.Zero), input.ScheduledTime);
        Assert.Equal(JobDefaults.TimeoutSeconds, job.TimeoutSeconds);
        Assert.Equal(JobDefaults.StartingDeadlineSeconds, job.StartingDeadlineSeconds);
        Assert.Equal(ConcurrencyPolicy.Allow, job.Concurrency);
        Assert.Equal(5, job.Retry.LaunchAttempts);
        Assert.Empty(job.Retry.ExitCodes);
        Assert.Empty(job.Task.Command);
        Assert.Null(job.Task.Cpu);
    }

    [Fact]
    public void A_full_block_reads_every_field()
    {
        var input = Parse("""
            {"job":"full","scheduledTime":"2026-11-21T03:00:00Z",
             "task":{"taskDefinition":"arn:td:3","container":"main","command":["sh","-c","exit 3"],"environment":{"B":"2","A":"1"},"cpu":512,"memory":"1024","logStreamPrefix":"p"},
             "timeoutSeconds":60,"retry":{"launchAttempts":3,"launchBackoffSeconds":5,"launchBackoffRate":3,"launchMaxBackoffSeconds":20,"exitCodes":[75,3,75],"exitCodeRetries":2,"exitCodeRetryDelaySeconds":7},
             "concurrency":"Forbid","startingDeadlineSeconds":30}
            """);

        var job = input.Job;
        Assert.Equal(["sh", "-c", "exit 3"], job.Task.Command.ToArray());
        Assert.Equal(["A", "B"], job.Task.Environment.Keys);
        Assert.Equal("512", job.Task.Cpu);
        Assert.Equal("1024", job.Task.Memory);
        Assert.Equal([3, 75], job.Retry.ExitCodes.ToArray());
        Assert.Equal(2, job.Retry.ExitCodeRetries);
        Assert.Equal(ConcurrencyPolicy.Forbid, job.Concurrency);
        Assert.Equal(30, job.StartingDeadlineSeconds);
        Assert.Equal([5, 15], job.Retry.LaunchDelays().ToArray());
    }

    [Fact]
    public void Default_launch_backoff_is_10s_doubling_capped_at_5_minutes_over_5_attempts()
    {
        Assert.Equal([10, 20, 40, 80], new RetryPolicy().LaunchDelays().ToArray());
        Assert.Equal([10, 20, 40, 80, 160, 300, 300], new RetryPolicy { LaunchAttempts = 8 }.LaunchDelays().ToArray());
        Assert.Empty(new RetryPolicy { LaunchAttempts = 1 }.LaunchDelays());
    }

    private static ScheduleInput Parse(string json)
    {
        var input = ScheduleInput.Parse(Encoding.UTF8.GetBytes(json), out var problems);
        Assert.True(input is not null, string.Join("; ", problems));
        return input;
    }
}
