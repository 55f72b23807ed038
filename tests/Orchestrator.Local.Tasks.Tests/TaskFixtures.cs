using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Orchestrator.Local.Tasks.Faults;
using Orchestrator.States.Integrations;
using Orchestrator.Templates;

namespace Orchestrator.Local.Tasks.Tests;

/// <summary>A task definition built in code, a scratch logs folder, and RunTask requests shaped like run-job.asl.json's.</summary>
public sealed class TaskFixtures : IDisposable
{
    public const string ClusterArn = "arn:aws:ecs:us-east-1:123456789012:cluster/orchestrator";
    public const string DefinitionArn = "arn:aws:ecs:us-east-1:123456789012:task-definition/local-job:1";

    public string Logs { get; } = Path.Combine(Path.GetTempPath(), "orchestrator-local-tasks-" + Guid.NewGuid().ToString("N")[..8]);

    public static TemplateTaskDefinition Definition(params string[] command) => new()
    {
        LogicalId = "JobTask",
        Family = "local-job",
        Arn = DefinitionArn,
        Cpu = "256",
        Memory = "512",
        Containers =
        [
            new TemplateContainer
            {
                Name = "main",
                Image = "public.ecr.aws/docker/library/busybox:stable",
                Command = [.. command],
                Environment = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("A", "1"), KeyValuePair.Create("B", "2")]),
                LogStreamPrefix = "job",
            },
            new TemplateContainer { Name = "sidecar", Image = "busybox", Essential = false },
        ],
    };

    public LocalEcsTaskRunner Runner(TemplateTaskDefinition definition, FaultPlan? faults = null) =>
        new([definition], new LocalEcsOptions { LogsDirectory = Logs, Faults = faults ?? FaultPlan.None });

    public static JsonObject Request(JsonArray? command = null, JsonArray? environment = null)
    {
        var container = new JsonObject { ["Name"] = "main" };
        if (command is not null)
        {
            container["Command"] = command;
        }

        if (environment is not null)
        {
            container["Environment"] = environment;
        }

        return new JsonObject
        {
            ["Cluster"] = ClusterArn,
            ["LaunchType"] = "FARGATE",
            ["TaskDefinition"] = DefinitionArn,
            ["NetworkConfiguration"] = new JsonObject { ["AwsvpcConfiguration"] = new JsonObject { ["Subnets"] = new JsonArray("subnet-a"), ["AssignPublicIp"] = "ENABLED" } },
            ["Overrides"] = new JsonObject { ["ContainerOverrides"] = new JsonArray(container) },
            ["Tags"] = new JsonArray(new JsonObject { ["Key"] = "orchestrator:job", ["Value"] = "job" }),
            ["StartedBy"] = "AWS Step Functions",
        };
    }

    /// <summary>RunTask, which must be accepted, then the stopped task.</summary>
    public static async Task<(string TaskArn, JsonObject Task)> RunToStopAsync(LocalEcsTaskRunner runner, JsonObject request)
    {
        var arn = Started(await runner.RunTaskAsync(request, CancellationToken.None));
        var task = await runner.WaitUntilStoppedAsync(arn, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(60));
        return (arn, task);
    }

    public static string Started(EcsRunTaskResult result)
    {
        var response = Assert.IsType<EcsRunTaskResponse>(result).Response;
        Assert.Empty(response["Failures"]!.AsArray());
        return (string)Assert.Single(response["Tasks"]!.AsArray())!["TaskArn"]!;
    }

    public static int? ExitCode(JsonObject task) => (int?)task["Containers"]![0]!["ExitCode"];

    public void Dispose()
    {
        if (Directory.Exists(Logs))
        {
            Directory.Delete(Logs, recursive: true);
        }
    }
}
