using Orchestrator.Scheduling.Schedules;

namespace Orchestrator.Templates.Tests;

public sealed class TemplateJobTests
{
    private static readonly DateTimeOffset Time = new(2026, 11, 21, 2, 0, 0, TimeSpan.Zero);

    private static TemplateJob Job(string input) => new()
    {
        FunctionLogicalId = "StarterFunction",
        EventName = "Nightly",
        ScheduleName = "StarterFunctionNightly",
        ScheduleArn = "arn:aws:scheduler:us-east-1:123456789012:schedule/default/StarterFunctionNightly",
        ScheduleExpression = "cron(0 3 * * ? *)",
        Location = "Resources.StarterFunction.Properties.Events.Nightly",
        Input = input,
    };

    [Fact]
    public void Render_input_fills_all_four_context_attributes()
    {
        var job = Job("<aws.scheduler.schedule-arn>|<aws.scheduler.scheduled-time>|<aws.scheduler.execution-id>|<aws.scheduler.attempt-number>");

        var rendered = job.RenderInput(Time.ToOffset(TimeSpan.FromHours(1)), attemptNumber: 2, executionId: "d32c5kddcf5bb8c3");

        Assert.Equal("arn:aws:scheduler:us-east-1:123456789012:schedule/default/StarterFunctionNightly|2026-11-21T02:00:00Z|d32c5kddcf5bb8c3|2", rendered);
    }

    [Fact]
    public void Execution_id_is_stable_per_firing_and_attempt()
    {
        var job = Job("<aws.scheduler.execution-id>");

        Assert.Equal(job.RenderInput(Time), job.RenderInput(Time));
        Assert.NotEqual(job.RenderInput(Time, attemptNumber: 1), job.RenderInput(Time, attemptNumber: 2));
        Assert.NotEqual(job.RenderInput(Time), job.RenderInput(Time.AddDays(1)));
        Assert.Equal(16, job.RenderInput(Time).Length);
    }

    [Fact]
    public void Next_fire_time_of_the_real_job_is_03_00_berlin()
    {
        var job = SamTemplate.Load(Orchestrator.Testing.RepoPaths.Of("template.yaml")).Jobs.Single();

        var next = job.Schedule!.NextFireTime(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 7, 2, 1, 0, 0, TimeSpan.Zero), next);
        Assert.Equal("at 03:00 every day (Europe/Berlin)", job.Schedule.Describe());
        Assert.Equal("arn:aws:scheduler:us-east-1:123456789012:schedule/default/StarterFunctionNightlyReport", job.ScheduleArn);
        Assert.IsType<CronExpression>(job.Schedule.Expression);
    }
}
