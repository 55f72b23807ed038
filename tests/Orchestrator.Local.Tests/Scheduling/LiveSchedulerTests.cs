using System.Collections.Concurrent;
using System.Globalization;
using Orchestrator.Local.Scheduling;
using Orchestrator.Scheduling.Schedules;

namespace Orchestrator.Local.Tests.Scheduling;

/// <summary>The live scheduler on a hand-moved clock: which slots go out, when, from one timer, and how it stops.</summary>
public sealed class LiveSchedulerTests
{
    private static readonly DateTimeOffset Start = Time("2026-11-21T10:02:30Z");

    [Fact]
    public async Task Cron_rate_and_at_jobs_each_fire_at_their_own_slots_from_one_loop()
    {
        var clock = new HandMovedClock(Start);
        var fired = new ConcurrentQueue<ScheduleFiring>();
        await using var scheduler = new LiveScheduler(
            [Job("every-5", "cron(0/5 * * * ? *)"), Job("rate-7", "rate(7 minutes)"), Job("once", "at(2026-11-21T10:14:00)")],
            clock, (firing, _) => { fired.Enqueue(firing); return Task.CompletedTask; });

        using var stop = new CancellationTokenSource();
        var loop = scheduler.RunAsync(stop.Token);
        await StepAsync(clock, Time("2026-11-21T10:22:30Z"), TimeSpan.FromMinutes(1));
        await WaitForAsync(() => fired.Count == scheduler.Fired);
        await stop.CancelAsync();
        await loop;

        // rate() without a StartDate starts at once; at() fires once; nothing fires twice.
        Assert.Equal(
            ["rate-7 10:02:30", "every-5 10:05:00", "rate-7 10:09:30", "every-5 10:10:00", "once 10:14:00", "every-5 10:15:00", "rate-7 10:16:30", "every-5 10:20:00"],
            fired.OrderBy(f => f.ScheduledTime).Select(Label));
        Assert.All(fired, f => Assert.InRange(f.Lag, TimeSpan.Zero, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task A_thousand_jobs_wait_on_one_timer_and_all_fire_at_the_minute()
    {
        var clock = new HandMovedClock(Start);
        var fired = new ConcurrentQueue<ScheduleFiring>();
        await using var scheduler = new LiveScheduler(
            Enumerable.Range(0, 1000).Select(i => Job($"job-{i}", "cron(* * * * ? *)")),
            clock, (firing, _) => { fired.Enqueue(firing); return Task.CompletedTask; });

        using var stop = new CancellationTokenSource();
        var loop = scheduler.RunAsync(stop.Token);
        await clock.WaitUntilArmedAsync();
        var armedWhileIdle = clock.ArmedTimers;
        await StepAsync(clock, Time("2026-11-21T10:04:00Z"), TimeSpan.FromSeconds(30));
        await WaitForAsync(() => fired.Count == 2000);
        await stop.CancelAsync();
        await loop;

        Assert.Equal(1, armedWhileIdle);
        Assert.Equal(1000, fired.Count(f => f.ScheduledTime == Time("2026-11-21T10:03:00Z")));
        Assert.Equal(1000, fired.Count(f => f.ScheduledTime == Time("2026-11-21T10:04:00Z")));
        Assert.Equal(1000, fired.Where(f => f.ScheduledTime == Time("2026-11-21T10:03:00Z")).Select(f => f.Job.Name).Distinct().Count());
    }

    [Fact]
    public async Task A_Europe_Berlin_cron_fires_at_03_00_local_on_both_sides_of_the_October_clock_change()
    {
        var clock = new HandMovedClock(Time("2026-10-23T23:30:00Z"));
        var fired = new ConcurrentQueue<ScheduleFiring>();
        await using var scheduler = new LiveScheduler(
            [Job("berlin", "cron(0 3 * * ? *)", "Europe/Berlin"), Job("utc", "cron(0 3 * * ? *)")],
            clock, (firing, _) => { fired.Enqueue(firing); return Task.CompletedTask; });

        using var stop = new CancellationTokenSource();
        var loop = scheduler.RunAsync(stop.Token);
        await StepAsync(clock, Time("2026-10-26T12:00:00Z"), TimeSpan.FromHours(1));
        await WaitForAsync(() => fired.Count == scheduler.Fired);
        await stop.CancelAsync();
        await loop;

        // CEST (UTC+2) until 25 October 03:00, CET (UTC+1) after: 03:00 in Berlin is 01:00Z, then 02:00Z.
        Assert.Equal(
            [Time("2026-10-24T01:00:00Z"), Time("2026-10-25T02:00:00Z"), Time("2026-10-26T02:00:00Z")],
            fired.Where(f => f.Job.Name == "berlin").Select(f => f.ScheduledTime).Order());
        Assert.Equal(
            [Time("2026-10-24T03:00:00Z"), Time("2026-10-25T03:00:00Z"), Time("2026-10-26T03:00:00Z")],
            fired.Where(f => f.Job.Name == "utc").Select(f => f.ScheduledTime).Order());
    }

    [Fact]
    public async Task A_delivery_that_never_returns_does_not_hold_back_other_jobs_or_its_own_next_slot()
    {
        var clock = new HandMovedClock(Start);
        var stuck = new TaskCompletionSource();
        var fired = new ConcurrentQueue<ScheduleFiring>();
        await using var scheduler = new LiveScheduler(
            [Job("stuck", "cron(0/2 * * * ? *)"), Job("fine", "cron(* * * * ? *)")],
            clock, async (firing, _) =>
            {
                fired.Enqueue(firing);
                if (firing.Job.Name == "stuck")
                {
                    await stuck.Task;
                }
            });

        using var stop = new CancellationTokenSource();
        var loop = scheduler.RunAsync(stop.Token);
        await StepAsync(clock, Time("2026-11-21T10:10:00Z"), TimeSpan.FromSeconds(30));
        await WaitForAsync(() => fired.Count == scheduler.Fired);
        var inFlight = scheduler.InFlight;
        await stop.CancelAsync();
        await loop;
        stuck.SetResult();

        Assert.Equal(8, fired.Count(f => f.Job.Name == "fine"));
        Assert.Equal(4, fired.Count(f => f.Job.Name == "stuck"));
        Assert.Equal(4, inFlight);
    }

    [Fact]
    public async Task After_a_long_sleep_slots_within_the_maximum_event_age_go_out_late_and_older_ones_are_dropped()
    {
        var clock = new HandMovedClock(Time("2026-11-21T10:00:30Z"));
        var fired = new ConcurrentQueue<ScheduleFiring>();
        await using var scheduler = new LiveScheduler(
            [Job("hourly", "cron(0 * * * ? *)") with { MaximumEventAge = TimeSpan.FromMinutes(90) }],
            clock, (firing, _) => { fired.Enqueue(firing); return Task.CompletedTask; });

        using var stop = new CancellationTokenSource();
        var loop = scheduler.RunAsync(stop.Token);
        await clock.WaitUntilArmedAsync();
        clock.AdvanceTo(Time("2026-11-21T13:30:00Z")); // the machine slept through 11:00, 12:00 and 13:00
        await WaitForAsync(() => scheduler.Fired + scheduler.Dropped == 3 && fired.Count == scheduler.Fired);
        await stop.CancelAsync();
        await loop;

        Assert.Equal(1, scheduler.Dropped);
        Assert.Equal([Time("2026-11-21T12:00:00Z"), Time("2026-11-21T13:00:00Z")], fired.Select(f => f.ScheduledTime).Order());
        Assert.All(fired, f => Assert.Equal(Time("2026-11-21T13:30:00Z"), f.DispatchedAt));
    }

    [Fact]
    public async Task A_flexible_window_sends_each_slot_out_within_the_window_after_it_and_keeps_the_slot_as_the_scheduled_time()
    {
        var clock = new HandMovedClock(Start);
        var fired = new ConcurrentQueue<ScheduleFiring>();
        var window = TimeSpan.FromMinutes(15);
        await using var scheduler = new LiveScheduler(
            [Job("flexible", "cron(0 * * * ? *)") with { FlexibleWindow = window }, Job("exact", "cron(0 * * * ? *)")],
            clock, (firing, _) => { fired.Enqueue(firing); return Task.CompletedTask; }, windows: new Random(7));

        using var stop = new CancellationTokenSource();
        var loop = scheduler.RunAsync(stop.Token);
        await StepAsync(clock, Time("2026-11-21T16:30:00Z"), TimeSpan.FromMinutes(1));
        await WaitForAsync(() => fired.Count == scheduler.Fired);
        await stop.CancelAsync();
        await loop;

        var hours = Enumerable.Range(11, 6).Select(h => Time($"2026-11-21T{h}:00:00Z")).ToList();
        var flexible = fired.Where(f => f.Job.Name == "flexible").OrderBy(f => f.ScheduledTime).ToList();
        Assert.Equal(hours, flexible.Select(f => f.ScheduledTime));
        // The clock moves a minute at a time, so a slot goes out by the first step at or after its moment.
        Assert.All(flexible, f => Assert.InRange(f.Lag, TimeSpan.Zero, window + TimeSpan.FromMinutes(1)));
        Assert.True(flexible.Count(f => f.Lag >= TimeSpan.FromMinutes(2)) >= 3, "most slots should go out later within the window: " + string.Join(", ", flexible.Select(f => f.Lag)));
        Assert.True(flexible.Select(f => f.Lag).Distinct().Count() > 1, "the moment within the window should vary from slot to slot");
        Assert.Equal(hours, fired.Where(f => f.Job.Name == "exact").Select(f => f.ScheduledTime).Order());
        Assert.All(fired.Where(f => f.Job.Name == "exact"), f => Assert.InRange(f.Lag, TimeSpan.Zero, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task Stopping_ends_firing_and_a_drain_cancels_deliveries_that_do_not_finish_in_time()
    {
        var clock = new HandMovedClock(Start);
        var cancelled = new TaskCompletionSource();
        var failures = new ConcurrentQueue<Exception>();
        await using var scheduler = new LiveScheduler(
            [Job("slow", "rate(1 minute)"), Job("broken", "rate(1 minute)")],
            clock,
            async (firing, token) =>
            {
                if (firing.Job.Name == "broken")
                {
                    throw new InvalidOperationException("starter unreachable");
                }

                using var registration = token.Register(() => cancelled.TrySetResult());
                await Task.Delay(Timeout.Infinite, token);
            },
            (_, error) => failures.Enqueue(error));

        using var stop = new CancellationTokenSource();
        var loop = scheduler.RunAsync(stop.Token);
        await WaitForAsync(() => scheduler.Fired == 2 && scheduler.InFlight == 1 && failures.Count == 1);
        await stop.CancelAsync();
        await loop;
        var drainedByItself = await scheduler.DrainAsync(TimeSpan.FromMilliseconds(50));

        Assert.False(drainedByItself);
        Assert.True(cancelled.Task.IsCompleted);
        Assert.Equal(0, scheduler.InFlight);
        Assert.Equal("starter unreachable", Assert.Single(failures).Message);
        Assert.Equal(2, scheduler.Fired);
    }

    private static string Label(ScheduleFiring firing) =>
        firing.Job.Name + " " + firing.ScheduledTime.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    private static ScheduledJob Job(string name, string expression, string zone = "UTC") => new()
    {
        Name = name,
        Schedule = Schedule.Create(expression, zone, null, null, out var problems) ?? throw new ArgumentException(string.Join("; ", problems)),
    };

    /// <summary>Moves the clock in steps, each time only once the scheduler is waiting again.</summary>
    private static async Task StepAsync(HandMovedClock clock, DateTimeOffset end, TimeSpan step)
    {
        for (var to = clock.GetUtcNow() + step; to <= end; to += step)
        {
            await clock.WaitUntilArmedAsync();
            clock.AdvanceTo(to);
        }

        await clock.WaitUntilArmedAsync();
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 6000 && !condition(); i++)
        {
            await Task.Delay(5);
        }

        Assert.True(condition(), "the condition did not hold within 30 s");
    }

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
