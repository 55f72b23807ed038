using System.Globalization;
using Orchestrator.Scheduling.Schedules;

namespace Orchestrator.Scheduling.Tests.Schedules;

/// <summary>Expected times worked out from the calendar (weekdays and DST dates checked against the tz database).</summary>
public sealed class NextFireTimeTests
{
    [Theory]
    // Every day at 03:00 Berlin = 02:00Z in winter (CET, UTC+1).
    [InlineData("cron(0 3 * * ? *)", "Europe/Berlin", "2026-11-21T00:00:00Z", "2026-11-21T02:00:00Z,2026-11-22T02:00:00Z")]
    // Last Friday of the month, 2019-2022 only: Nov 25 and Dec 30 2022, then nothing.
    [InlineData("cron(15 10 ? * 6L 2019-2022)", "UTC", "2022-11-01T00:00:00Z", "2022-11-25T10:15:00Z,2022-12-30T10:15:00Z", true)]
    [InlineData("cron(15 10 ? * 6L 2019-2022)", "UTC", "2018-06-01T00:00:00Z", "2019-01-25T10:15:00Z")]
    // Second Tuesday: Jan 13 and Feb 10 2026.
    [InlineData("cron(0 12 ? * 3#2 *)", "UTC", "2026-01-01T00:00:00Z", "2026-01-13T12:00:00Z,2026-02-10T12:00:00Z")]
    // Fifth Friday exists only in some months: Jan 30 2026, then May 29 2026.
    [InlineData("cron(0 12 ? * FRI#5 *)", "UTC", "2026-01-01T00:00:00Z", "2026-01-30T12:00:00Z,2026-05-29T12:00:00Z")]
    // Last day of February, leap year and not.
    [InlineData("cron(0 12 L * ? *)", "UTC", "2026-02-01T00:00:00Z", "2026-02-28T12:00:00Z,2026-03-31T12:00:00Z")]
    [InlineData("cron(0 12 L 2 ? *)", "UTC", "2027-03-01T00:00:00Z", "2028-02-29T12:00:00Z")]
    // Last weekday: Jan 31 2026 is a Saturday -> Fri 30; May 31 2026 is a Sunday -> Fri 29.
    [InlineData("cron(0 12 LW 1,5 ? *)", "UTC", "2026-01-01T00:00:00Z", "2026-01-30T12:00:00Z,2026-05-29T12:00:00Z")]
    // Nearest weekday: Aug 15 2026 is a Saturday -> Fri 14; Nov 15 2026 is a Sunday -> Mon 16.
    [InlineData("cron(0 12 15W 8,11 ? *)", "UTC", "2026-01-01T00:00:00Z", "2026-08-14T12:00:00Z,2026-11-16T12:00:00Z")]
    // 1W never crosses into the previous month: Aug 1 2026 is a Saturday -> Mon 3.
    [InlineData("cron(0 12 1W 8 ? 2026)", "UTC", "2026-01-01T00:00:00Z", "2026-08-03T12:00:00Z", true)]
    // Weekdays: from Friday 10:00 the next is Monday 09:00.
    [InlineData("cron(0 9 ? * MON-FRI *)", "UTC", "2026-11-20T10:00:00Z", "2026-11-23T09:00:00Z,2026-11-24T09:00:00Z")]
    [InlineData("cron(0/15 * * * ? *)", "UTC", "2026-01-01T00:07:00Z", "2026-01-01T00:15:00Z,2026-01-01T00:30:00Z,2026-01-01T00:45:00Z,2026-01-01T01:00:00Z")]
    // Strictly after: an instant exactly on a fire time moves to the next one.
    [InlineData("cron(0 3 * * ? *)", "UTC", "2026-01-01T03:00:00Z", "2026-01-02T03:00:00Z")]
    [InlineData("cron(0 0 1 1 ? 2030)", "UTC", "2026-05-05T00:00:00Z", "2030-01-01T00:00:00Z", true)]
    [InlineData("cron(0 0 1 1 ? 2030)", "UTC", "2030-01-01T00:00:00Z", "", true)]
    // February 30th never comes: no fire time, found without walking minute by minute.
    [InlineData("cron(0 0 30 2 ? *)", "UTC", "2026-01-01T00:00:00Z", "", true)]
    // Every other year from 2026.
    [InlineData("cron(0 0 1 1 ? 2026/2)", "UTC", "2026-06-01T00:00:00Z", "2028-01-01T00:00:00Z,2030-01-01T00:00:00Z")]
    // Saturday via L alone in day-of-week: Jan 3 2026 is a Saturday.
    [InlineData("cron(0 6 ? * L *)", "UTC", "2026-01-01T00:00:00Z", "2026-01-03T06:00:00Z,2026-01-10T06:00:00Z")]
    public void Cron_fire_times(string expression, string zone, string after, string expected, bool exhaustive = false)
    {
        var schedule = Create(expression, zone);

        // One more than expected: a schedule bounded by its year field must stop where the table stops.
        var times = schedule.FireTimes(Time(after)).Take(Count(expected) + 1).ToList();

        Assert.Equal(Times(expected), times.Take(Count(expected)).ToList());
        if (exhaustive)
        {
            Assert.Equal(Count(expected), times.Count);
        }
    }

    [Theory]
    // Spring forward: 02:30 does not exist on 2026-03-29 in Berlin, so that day is skipped.
    [InlineData("cron(30 2 * * ? *)", "Europe/Berlin", "2026-03-28T00:00:00Z", "2026-03-28T01:30:00Z,2026-03-30T00:30:00Z,2026-03-31T00:30:00Z")]
    // Fall back: 02:30 happens twice on 2026-10-25 in Berlin; it runs once, at the first (CEST).
    [InlineData("cron(30 2 * * ? *)", "Europe/Berlin", "2026-10-24T00:00:00Z", "2026-10-24T00:30:00Z,2026-10-25T00:30:00Z,2026-10-26T01:30:00Z")]
    // Hourly over the fall-back hour: the repeated 02:00 (01:00Z) does not fire again.
    [InlineData("cron(0 * * * ? *)", "Europe/Berlin", "2026-10-24T23:30:00Z", "2026-10-25T00:00:00Z,2026-10-25T02:00:00Z,2026-10-25T03:00:00Z")]
    // Starting inside the repeated hour (second 02:10, 01:10Z): 02:30 already ran in the first pass.
    [InlineData("cron(30 2 * * ? *)", "Europe/Berlin", "2026-10-25T01:10:00Z", "2026-10-26T01:30:00Z")]
    // Hourly over the spring gap: local 02:00 does not exist; 01:00 CET then 03:00 CEST are one hour apart.
    [InlineData("cron(0 * * * ? *)", "Europe/Berlin", "2026-03-28T23:30:00Z", "2026-03-29T00:00:00Z,2026-03-29T01:00:00Z,2026-03-29T02:00:00Z")]
    // New York: spring forward on 2026-03-08, fall back on 2026-11-01.
    [InlineData("cron(30 2 * * ? *)", "America/New_York", "2026-03-07T00:00:00Z", "2026-03-07T07:30:00Z,2026-03-09T06:30:00Z")]
    [InlineData("cron(30 1 * * ? *)", "America/New_York", "2026-10-31T00:00:00Z", "2026-10-31T05:30:00Z,2026-11-01T05:30:00Z,2026-11-02T06:30:00Z")]
    // Summer time moves a wall-clock schedule by an hour in UTC.
    [InlineData("cron(0 3 * * ? *)", "Europe/Berlin", "2026-07-01T00:00:00Z", "2026-07-01T01:00:00Z")]
    public void Daylight_saving_is_handled_as_aws_does(string expression, string zone, string after, string expected)
    {
        var schedule = Create(expression, zone);

        Assert.Equal(Times(expected), schedule.FireTimes(Time(after)).Take(Count(expected)).ToList());
    }

    [Fact]
    public void Rate_is_anchored_at_the_time_it_started()
    {
        var schedule = Create("rate(5 minutes)", "UTC");
        var started = Time("2026-01-01T00:00:30Z");

        Assert.Equal(started, schedule.NextFireTime(Time("2025-12-31T00:00:00Z"), started));
        Assert.Equal(Time("2026-01-01T00:15:30Z"), schedule.NextFireTime(Time("2026-01-01T00:12:00Z"), started));
        Assert.Equal(Time("2026-01-01T00:20:30Z"), schedule.NextFireTime(Time("2026-01-01T00:15:30Z"), started));
    }

    [Fact]
    public void Rate_with_a_start_date_starts_there()
    {
        var schedule = Create("rate(1 day)", "UTC", start: Time("2026-03-01T00:00:00Z"));

        Assert.Equal(
            Times("2026-03-01T00:00:00Z,2026-03-02T00:00:00Z"),
            schedule.FireTimes(Time("2026-01-01T00:00:00Z")).Take(2).ToList());
    }

    [Fact]
    public void Rate_days_are_24_hours_even_across_daylight_saving()
    {
        var schedule = Create("rate(1 day)", "Europe/Berlin", start: Time("2026-03-28T01:00:00Z"));

        Assert.Equal(Time("2026-03-29T01:00:00Z"), schedule.NextFireTime(Time("2026-03-28T01:00:00Z")));
    }

    [Fact]
    public void Rate_without_an_anchor_is_refused_with_a_reason()
    {
        var schedule = Create("rate(5 minutes)", "UTC");

        var ex = Assert.Throws<InvalidOperationException>(() => schedule.NextFireTime(Time("2026-01-01T00:00:00Z")));
        Assert.Contains("startedAt", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void At_fires_once_in_its_time_zone_and_ignores_bounds()
    {
        var schedule = Create("at(2026-11-21T03:00:00)", "Europe/Berlin", start: Time("2027-01-01T00:00:00Z"), end: Time("2026-01-01T00:00:00Z"));

        Assert.Equal(Times("2026-11-21T02:00:00Z"), schedule.FireTimes(Time("2026-01-01T00:00:00Z")).ToList());
        Assert.Null(schedule.NextFireTime(Time("2026-11-21T02:00:00Z")));
    }

    [Fact]
    public void End_date_is_exclusive_and_start_date_inclusive()
    {
        var schedule = Create("cron(0 3 * * ? *)", "UTC", start: Time("2026-01-05T03:00:00Z"), end: Time("2026-01-07T03:00:00Z"));

        Assert.Equal(
            Times("2026-01-05T03:00:00Z,2026-01-06T03:00:00Z"),
            schedule.FireTimes(Time("2026-01-01T00:00:00Z")).ToList());
    }

    [Fact]
    public void Fire_times_between_two_instants_include_the_end()
    {
        var schedule = Create("cron(0 * * * ? *)", "UTC");

        Assert.Equal(
            Times("2026-01-01T01:00:00Z,2026-01-01T02:00:00Z,2026-01-01T03:00:00Z"),
            schedule.FireTimesBetween(Time("2026-01-01T00:00:00Z"), Time("2026-01-01T03:00:00Z")).ToList());
    }

    [Fact]
    public void Many_schedules_evaluate_without_walking_minutes()
    {
        // A year-long gap (only on Feb 29) still answers: the evaluator jumps by fields, not minutes.
        var schedule = Create("cron(59 23 29 2 ? *)", "America/New_York");

        var times = schedule.FireTimes(Time("2026-01-01T00:00:00Z")).Take(3).ToList();

        Assert.Equal(Times("2028-03-01T04:59:00Z,2032-03-01T04:59:00Z,2036-03-01T04:59:00Z"), times);
    }

    private static Schedule Create(string expression, string zone, DateTimeOffset? start = null, DateTimeOffset? end = null)
    {
        var schedule = Schedule.Create(expression, zone, start, end, out var problems);
        Assert.True(schedule is not null, string.Join("; ", problems));
        return schedule!;
    }

    private static DateTimeOffset Time(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static List<DateTimeOffset> Times(string list) =>
        list.Length == 0 ? [] : [.. list.Split(',').Select(Time)];

    private static int Count(string list) => list.Length == 0 ? 0 : list.Split(',').Length;
}
