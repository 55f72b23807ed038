using Orchestrator.Scheduling.Schedules;

namespace Orchestrator.Scheduling.Tests.Schedules;

public sealed class DescribeTests
{
    [Theory]
    [InlineData("cron(0 3 * * ? *)", "Europe/Berlin", "at 03:00 every day (Europe/Berlin)")]
    [InlineData("cron(0 3 * * ? *)", null, "at 03:00 every day")]
    [InlineData("cron(15 10 ? * 6L 2019-2022)", null, "at 10:15 on the last Friday of every month, 2019-2022")]
    [InlineData("cron(0 9 ? * MON-FRI *)", null, "at 09:00 on Monday through Friday")]
    [InlineData("cron(0 9 ? * SUN,SAT *)", null, "at 09:00 on Sunday and Saturday")]
    [InlineData("cron(0 12 ? * 3#2 *)", null, "at 12:00 on the second Tuesday of every month")]
    [InlineData("cron(0 12 L * ? *)", null, "at 12:00 on the last day of every month")]
    [InlineData("cron(0 12 LW * ? *)", null, "at 12:00 on the last weekday of every month")]
    [InlineData("cron(0 12 15W * ? *)", null, "at 12:00 on the weekday nearest day 15 of every month")]
    [InlineData("cron(0 8 1,15 JAN,JUL ? *)", null, "at 08:00 on day 1 and 15 of January and July")]
    [InlineData("cron(0 8 * 6-8 ? *)", null, "at 08:00 every day in June through August")]
    [InlineData("cron(0/15 * * * ? *)", null, "every 15 minutes")]
    [InlineData("cron(* * * * ? *)", null, "every minute")]
    [InlineData("cron(0 * * * ? *)", null, "every hour, on the hour")]
    [InlineData("cron(0 6,18 * * ? *)", "America/New_York", "at 06:00 and 18:00 every day (America/New_York)")]
    [InlineData("cron(0 0 1 1 ? 2030)", null, "at 00:00 on day 1 of January, 2030")]
    [InlineData("cron(*/10 * * 12 ? *)", null, "every 10 minutes in December")]
    [InlineData("cron(15 * * * ? *)", null, "at minute 15 of every hour")]
    [InlineData("cron(*/5 8-17 ? * MON-FRI *)", null, "every 5 minutes from 08:00 to 17:59 on Monday through Friday")]
    [InlineData("cron(0,30 8-10,14-16 * * ? *)", null, "at minute 0 and 30 past the hour during hours 8 through 10 and 14 through 16 every day")]
    [InlineData("rate(5 minutes)", null, "every 5 minutes")]
    [InlineData("rate(1 hour)", "Europe/Berlin", "every hour")]
    [InlineData("rate(1 day)", null, "every day")]
    [InlineData("at(2026-11-21T03:00:00)", "Europe/Berlin", "once at 2026-11-21 03:00:00 (Europe/Berlin)")]
    public void Describes_in_plain_words(string expression, string? zone, string expected)
    {
        var schedule = Schedule.Create(expression, zone, null, null, out var problems);
        Assert.True(schedule is not null, string.Join("; ", problems));

        Assert.Equal(expected, schedule!.Describe());
    }

    [Fact]
    public void Bounds_are_part_of_the_description()
    {
        var schedule = Schedule.Create("rate(1 day)", null, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), out _);

        Assert.Equal("every day, from 2026-01-01T00:00:00Z, until 2026-02-01T00:00:00Z", schedule!.Describe());
    }
}
