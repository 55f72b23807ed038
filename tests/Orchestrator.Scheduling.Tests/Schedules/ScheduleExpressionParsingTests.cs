using Orchestrator.Scheduling.Schedules;

namespace Orchestrator.Scheduling.Tests.Schedules;

public sealed class ScheduleExpressionParsingTests
{
    [Theory]
    [InlineData("cron(0 3 * * ? *)", typeof(CronExpression))]
    [InlineData("cron(15 10 ? * 6L 2019-2022)", typeof(CronExpression))]
    [InlineData("cron(0 9 ? * MON-FRI *)", typeof(CronExpression))]
    [InlineData("cron(0 9 ? * mon-fri *)", typeof(CronExpression))]
    [InlineData("cron(0/15 * * * ? *)", typeof(CronExpression))]
    [InlineData("cron(*/5 8-17 ? * 2-6 *)", typeof(CronExpression))]
    [InlineData("cron(0 12 L * ? *)", typeof(CronExpression))]
    [InlineData("cron(0 12 LW * ? *)", typeof(CronExpression))]
    [InlineData("cron(0 12 15W * ? *)", typeof(CronExpression))]
    [InlineData("cron(0 12 ? * 3#2 *)", typeof(CronExpression))]
    [InlineData("cron(0 12 ? * L *)", typeof(CronExpression))]
    [InlineData("cron(0 8 1,15 JAN,JUL ? 2026/2)", typeof(CronExpression))]
    [InlineData("cron(0 0 ? * * *)", typeof(CronExpression))]
    [InlineData("rate(1 minute)", typeof(RateExpression))]
    [InlineData("rate(5 minutes)", typeof(RateExpression))]
    [InlineData("rate(1 hour)", typeof(RateExpression))]
    [InlineData("rate(12 hours)", typeof(RateExpression))]
    [InlineData("rate(1 day)", typeof(RateExpression))]
    [InlineData("rate(7 days)", typeof(RateExpression))]
    [InlineData("at(2026-11-21T03:00:00)", typeof(AtExpression))]
    public void Accepts_valid_expressions(string text, Type kind)
    {
        Assert.True(ScheduleExpression.TryParse(text, out var expression, out var error), error);
        Assert.IsType(kind, expression);
        Assert.Equal(text, expression!.Text);
    }

    [Theory]
    [InlineData("cron(0 3 * * MON *)", "day-of-month and day-of-week cannot both be set; use ? in one of them")]
    [InlineData("cron(0 3 1 * 2 *)", "day-of-month and day-of-week cannot both be set; use ? in one of them")]
    [InlineData("cron(0 3 ? * ? *)", "day-of-month and day-of-week cannot both be ?; use * in one of them")]
    [InlineData("cron(0 3 * * ?)", "six fields (minutes hours day-of-month month day-of-week year), found 5; add the year field")]
    [InlineData("cron(0 0 3 * * ? *)", "six fields (minutes hours day-of-month month day-of-week year), found 7")]
    [InlineData("cron(60 3 * * ? *)", "minutes field '60': 60 is out of range; use 0-59")]
    [InlineData("cron(0 24 * * ? *)", "hours field '24': 24 is out of range; use 0-23")]
    [InlineData("cron(0 3 32 * ? *)", "day-of-month field '32': 32 is out of range; use 1-31")]
    [InlineData("cron(0 3 0 * ? *)", "day-of-month field '0': 0 is out of range; use 1-31")]
    [InlineData("cron(0 3 ? 13 * *)", "month field '13': 13 is out of range; use 1-12 or JAN-DEC")]
    [InlineData("cron(0 3 ? FOO MON *)", "month field 'FOO': unknown value 'FOO'; use 1-12 or JAN-DEC")]
    [InlineData("cron(0 3 ? * FUN *)", "day-of-week field 'FUN': unknown value 'FUN'; use 1-7 or SUN-SAT")]
    [InlineData("cron(0 3 ? * 8 *)", "day-of-week field '8': 8 is out of range; use 1-7 or SUN-SAT")]
    [InlineData("cron(0 3 ? * 0 *)", "day-of-week field '0': 0 is out of range; use 1-7 or SUN-SAT")]
    [InlineData("cron(0 3 ? * 3#1,6#3 *)", "# allows only one expression in day-of-week")]
    [InlineData("cron(0 3 ? * 3#6 *)", "the number after # must be 1-5")]
    [InlineData("cron(0 3 ? * 9#2 *)", "day-of-week field '9#2': 9 is out of range")]
    [InlineData("cron(0 3 ? * 2/2 *)", "'/' is not allowed in day-of-week")]
    [InlineData("cron(0 3 ? * 5L,6L *)", "L must stand alone")]
    [InlineData("cron(0 3 * * ? 1969)", "year field '1969': 1969 is out of range; use 1970-2199")]
    [InlineData("cron(0 3 * * ? 2200)", "year field '2200': 2200 is out of range; use 1970-2199")]
    [InlineData("cron(0 3 L,15 * ? *)", "L and W must stand alone")]
    [InlineData("cron(0 3 L-3 * ? *)", "L and W must stand alone")]
    [InlineData("cron(0 3 32W * ? *)", "32 is out of range; use 1-31")]
    [InlineData("cron(0 3 15X * ? *)", "'15X' is not a number; use 1-31")]
    [InlineData("cron(0 22-2 * * ? *)", "hours field '22-2': the range '22-2' runs backwards")]
    [InlineData("cron(*/0 * * * ? *)", "the increment after '/' in '*/0' must be a positive whole number")]
    [InlineData("cron(*/61 * * * ? *)", "the increment 61 in '*/61' is larger than the field's range 0-59")]
    [InlineData("cron(1,,2 * * * ? *)", "empty item in the list")]
    [InlineData("cron(0 3 ?5 * * *)", "? must stand alone")]
    [InlineData("rate(1 minutes)", "a rate of 1 needs the singular unit; write rate(1 minute)")]
    [InlineData("rate(1 days)", "a rate of 1 needs the singular unit; write rate(1 day)")]
    [InlineData("rate(5 minute)", "a rate above 1 needs the plural unit; write rate(5 minutes)")]
    [InlineData("rate(2 hour)", "a rate above 1 needs the plural unit; write rate(2 hours)")]
    [InlineData("rate(0 minutes)", "the rate value '0' must be a positive whole number")]
    [InlineData("rate(-5 minutes)", "the rate value '-5' must be a positive whole number")]
    [InlineData("rate(5 weeks)", "unknown rate unit 'weeks'; use minute(s), hour(s) or day(s)")]
    [InlineData("rate(5)", "a rate expression is rate(value unit)")]
    [InlineData("at(2026-02-30T10:00:00)", "a one-time schedule is at(yyyy-mm-ddThh:mm:ss) with a real date and time")]
    [InlineData("at(2026-11-21 10:00:00)", "a one-time schedule is at(yyyy-mm-ddThh:mm:ss)")]
    [InlineData("at(2026-11-21T10:00:00Z)", "without zone or fraction")]
    [InlineData("every 5 minutes", "is not a schedule expression; use cron(")]
    [InlineData("CRON(0 3 * * ? *)", "is not a schedule expression")]
    [InlineData("", "the schedule expression is empty")]
    public void Rejects_invalid_expressions_with_a_precise_message(string text, string message)
    {
        Assert.False(ScheduleExpression.TryParse(text, out var expression, out var error));
        Assert.Null(expression);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_throws_a_format_exception_with_the_reason()
    {
        var ex = Assert.Throws<FormatException>(() => ScheduleExpression.Parse("rate(1 hours)"));
        Assert.Contains("write rate(1 hour)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_day_fields_message_shows_the_fix()
    {
        Assert.False(ScheduleExpression.TryParse("cron(0 3 * * MON *)", out _, out var error));
        Assert.Contains("e.g. cron(0 3 * * ? *)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parsed_expressions_compare_by_value()
    {
        Assert.Equal(ScheduleExpression.Parse("cron(0 3 * * ? *)"), ScheduleExpression.Parse("cron(0 3 * * ? *)"));
        Assert.NotEqual(ScheduleExpression.Parse("cron(0 3 * * ? *)"), ScheduleExpression.Parse("cron(0 4 * * ? *)"));
        Assert.Equal(ScheduleExpression.Parse("rate(5 minutes)"), ScheduleExpression.Parse("rate(5 minutes)"));
    }

    [Fact]
    public void Rate_interval_follows_the_unit()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), ((RateExpression)ScheduleExpression.Parse("rate(5 minutes)")).Interval);
        Assert.Equal(TimeSpan.FromHours(12), ((RateExpression)ScheduleExpression.Parse("rate(12 hours)")).Interval);
        Assert.Equal(TimeSpan.FromDays(1), ((RateExpression)ScheduleExpression.Parse("rate(1 day)")).Interval);
    }

    [Theory]
    [InlineData("UTC")]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    [InlineData("Asia/Kolkata")]
    public void Iana_time_zones_resolve_with_invariant_globalization(string id)
    {
        Assert.True(ScheduleTimeZone.TryFind(id, out var zone, out var error), error);
        Assert.NotNull(zone);
    }

    [Fact]
    public void Unknown_time_zone_is_reported()
    {
        var schedule = Schedule.Create("cron(0 3 * * ? *)", "Mars/Olympus", null, null, out var problems);

        Assert.Null(schedule);
        Assert.Contains("unknown time zone 'Mars/Olympus'", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void End_before_start_is_reported()
    {
        var start = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);
        var schedule = Schedule.Create("rate(1 day)", null, start, start.AddDays(-1), out var problems);

        Assert.Null(schedule);
        Assert.Contains("must be after StartDate", Assert.Single(problems), StringComparison.Ordinal);
    }
}
