using System.CommandLine;
using System.Globalization;
using System.Net.Sockets;
using Orchestrator.Cli.Templates;
using Orchestrator.Local;
using Orchestrator.Local.Scheduling;
using Orchestrator.Local.Tasks.Faults;

namespace Orchestrator.Cli.Local;

/// <summary>`orchestrator local up`: the whole app offline and live, until Ctrl-C or SIGTERM; exit 0 on a clean stop.</summary>
internal static class LocalUpCommand
{
    public static Command Create(CliConsole console)
    {
        var template = TemplateFile.TemplateOption();
        var overrides = TemplateFile.OverridesOption();
        var port = new Option<int>("--port") { Description = "Port of the local Step Functions endpoint on 127.0.0.1 (0 picks a free one).", DefaultValueFactory = _ => 8083 };
        var speed = new Option<double>("--speed") { Description = "Run local time N times faster: schedules, Wait states, backoff and timeouts (tasks run at real speed).", DefaultValueFactory = _ => 1 };
        var inject = new Option<string?>("--inject") { Description = "Faults, e.g. eni=0.3,capacity=0.1,unknown=0.05,exit=2:0.2,duplicates=1,crash-after-claim=0.1,seed=7" };
        var dynamo = new Option<string?>("--dynamodb-endpoint") { Description = "Use this DynamoDB (e.g. a running dynalite, http://127.0.0.1:4567) instead of starting dynalite." };
        var plain = new Option<bool>("--plain") { Description = "One line per fired slot and run change instead of the live table (the default when stdout is not a terminal)." };
        var stopWait = new Option<int>("--stop-wait-seconds") { Description = "On Ctrl-C, how long deliveries under way may finish before running tasks are stopped.", DefaultValueFactory = _ => 5 };
        var command = new Command("up", """
            Run the whole app offline from the template, live, until Ctrl-C or SIGTERM:
              - dynalite with the template's tables (or --dynamodb-endpoint);
              - the state machine on a local Step Functions endpoint on 127.0.0.1:<port>; the AWS CLI and
                `orchestrator runs` work against it with --endpoint-url (it passes DynamoDB requests on, so one URL serves both);
              - every ENABLED ScheduleV2 schedule fired on time (cron, rate, at; ScheduleExpressionTimezone) into the real
                starter code with the Input Scheduler would send; a FLEXIBLE FlexibleTimeWindow sends each slot at a
                random moment within the window after it; DISABLED schedules never fire;
              - tasks run as local processes, with --inject faults;
              - a live table of runs, or one line per change when stdout is not a terminal (or with --plain).
            Ctrl-C stops firing, gives deliveries under way --stop-wait-seconds, stops running tasks, the endpoint and
            dynalite, and exits 0.
            """);
        foreach (var option in new Option[] { template, overrides, port, speed, inject, dynamo, plain, stopWait })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellation) =>
        {
            var path = parse.GetValue(template)!;
            if (!File.Exists(path))
            {
                console.Error.WriteLine($"{path}: no such file. Run from the project folder or pass --template PATH.");
                return 2;
            }

            if (!FaultPlan.TryParse(parse.GetValue(inject), out var faults, out var faultError))
            {
                console.Error.WriteLine($"--inject: {faultError}");
                return 2;
            }

            if (!(parse.GetValue(speed) >= 1) || parse.GetValue(port) is < 0 or > 65535 || parse.GetValue(stopWait) < 0)
            {
                console.Error.WriteLine("--speed must be 1 or more, --port 0 to 65535, --stop-wait-seconds 0 or more.");
                return 2;
            }

            Uri? dynamoEndpoint = null;
            if (parse.GetValue(dynamo) is { } text && (!Uri.TryCreate(text, UriKind.Absolute, out dynamoEndpoint) || dynamoEndpoint.Scheme is not ("http" or "https")))
            {
                console.Error.WriteLine($"--dynamodb-endpoint: '{text}' is not an http(s) URL, e.g. http://127.0.0.1:4567.");
                return 2;
            }

            if (TemplateFile.ParseOverrides(parse.GetValue(overrides), console) is not { } parameters)
            {
                return 2;
            }

            var live = !parse.GetValue(plain) && ReferenceEquals(console.Out, Console.Out) && !Console.IsOutputRedirected;
            var options = new LocalUpOptions
            {
                Deployment = new LocalDeploymentOptions
                {
                    TemplatePath = path,
                    ParameterOverrides = parameters,
                    DynamoDbEndpoint = dynamoEndpoint,
                    Port = parse.GetValue(port),
                    Faults = faults,
                    Speed = parse.GetValue(speed),
                    Seed = faults.Seed,
                },
                StopWait = TimeSpan.FromSeconds(parse.GetValue(stopWait)),
            };
            return await RunAsync(options, console, live, cancellation);
        });
        return command;
    }

    private static async Task<int> RunAsync(LocalUpOptions options, CliConsole console, bool live, CancellationToken stop)
    {
        LocalUp up;
        try
        {
            up = await LocalUp.StartAsync(options, stop);
        }
        catch (LocalModeException ex)
        {
            console.Error.WriteLine(ex.Message);
            return 2;
        }
        catch (IOException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } || ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            console.Error.WriteLine($"port {options.Deployment.Port} on 127.0.0.1 is in use (another `local up`?): pass --port N, or --port 0 for a free one.");
            return 2;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            console.Error.WriteLine("stopped before start-up finished; nothing is left running.");
            return 0;
        }

        await using (up)
        {
            PrintBanner(console.Out, up, options);
            IRunView view = live ? new LiveRunTable(up, console.Out) : new PlainRunLog(up.Deployment.Clock, console.Out);
            up.SlotDelivered += view.Delivered;
            up.RunChanged += view.RunChanged;
            up.DeliveryFailed += view.DeliveryFailed;
            var showing = view.ShowAsync(stop);
            await up.RunAsync(stop);
            await showing;
            var running = up.RunningTasks;
            console.Out.WriteLine($"stopping: scheduler stopped after {up.Scheduler.Fired} slot(s); {(running == 0 ? "no task running" : $"stopping {running} running task(s)")}; stopping the endpoint and dynalite.");
        }

        console.Out.WriteLine("stopped.");
        return 0;
    }

    private static void PrintBanner(TextWriter o, LocalUp up, LocalUpOptions options)
    {
        var d = up.Deployment;
        var region = d.Template.Options.Region;
        var sfn = d.Endpoint.Uri.ToString().TrimEnd('/');
        var ddb = d.DynamoDbEndpoint.ToString().TrimEnd('/');
        var now = d.Clock.GetUtcNow();
        o.WriteLine($"orchestrator local up: {options.Deployment.TemplatePath}" + (d.Clock.Speed > 1 ? $" (local time runs {d.Clock.Speed.ToString(CultureInfo.InvariantCulture)}x faster)" : ""));
        o.WriteLine($"  Step Functions  {sfn}");
        o.WriteLine($"  state machine   {d.StateMachineArn}");
        o.WriteLine($"  DynamoDB        {ddb}  (table {d.TableName})");
        var faults = options.Deployment.Faults;
        if (faults.AffectsTasks || faults.Duplicates > 0 || faults.CrashAfterClaim > 0)
        {
            o.WriteLine($"  faults          {faults}");
        }

        o.WriteLine("  schedules");
        var width = d.Template.Jobs.Select(j => (j.Spec?.Name ?? j.EventName).Length).DefaultIfEmpty(4).Max();
        foreach (var job in up.Scheduler.Jobs)
        {
            var next = LiveScheduler.FirstFireTime(job, now);
            var window = job.FlexibleWindow > TimeSpan.Zero ? $" (+ up to {job.FlexibleWindow.TotalMinutes:0} min, flexible window)" : "";
            o.WriteLine($"    {job.Name.PadRight(width)}  {job.Schedule.Describe()}  next {(next is { } t ? Runs.RunFormat.Time(t) + window : "none (no more slots)")}");
        }

        foreach (var job in up.DisabledJobs)
        {
            o.WriteLine($"    {(job.Spec?.Name ?? job.EventName).PadRight(width)}  DISABLED (State: DISABLED; never fired)");
        }

        o.WriteLine("  try (the local endpoints accept any credentials, e.g. AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x)");
        o.WriteLine($"    aws stepfunctions list-executions --endpoint-url {sfn} --region {region} --state-machine-arn {d.StateMachineArn}");
        o.WriteLine($"    aws dynamodb scan --endpoint-url {ddb} --region {region} --table-name {d.TableName}");
        o.WriteLine($"    orchestrator runs --endpoint-url {sfn} --table {d.TableName} --state-machine-arn {d.StateMachineArn}   (the endpoint passes DynamoDB requests on)");
        o.WriteLine($"ready: firing {up.Scheduler.Jobs.Count} schedule(s); Ctrl-C to stop.");
        o.Flush();
    }
}
