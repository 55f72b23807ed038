using System.Text.Json.Nodes;

namespace Orchestrator.Local.Tasks;

/// <summary>
/// The DescribeTasks task object in the PascalCase shape Step Functions returns from ecs:runTask.sync (keys and
/// constant fields as in AWS's recorded output; timestamps in epoch milliseconds). Source: aws-semantics.md §1.2-1.3.
/// </summary>
public static class TaskDocument
{
    /// <summary>The task as RunTask returns it: PROVISIONING, desired RUNNING.</summary>
    public static JsonObject Provisioning(TaskIdentity identity, ContainerLaunch? launch, TaskTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(timeline);
        var task = Common(identity, launch, "PROVISIONING", "RUNNING", "PRECREATED", end: null);
        task["CreatedAt"] = timeline.CreatedAt;
        task["Version"] = 1;
        return Sorted(task);
    }

    /// <summary>The stopped task as DescribeTasks (and so runTask.sync) returns it.</summary>
    public static JsonObject Stopped(TaskIdentity identity, ContainerLaunch? launch, TaskTimeline timeline, TaskEnd end)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(end);
        var task = Common(identity, launch, "STOPPED", "STOPPED", "DELETED", end);
        task["CreatedAt"] = timeline.CreatedAt;
        Time(task, "PullStartedAt", timeline.PullStartedAt);
        Time(task, "PullStoppedAt", timeline.PullStoppedAt);
        Time(task, "StartedAt", timeline.StartedAt);
        Time(task, "ConnectivityAt", timeline.PullStartedAt);
        Time(task, "StoppingAt", timeline.StoppingAt);
        Time(task, "ExecutionStoppedAt", timeline.ExecutionStoppedAt);
        Time(task, "StoppedAt", timeline.StoppedAt);
        task["StopCode"] = end.StopCode;
        task["StoppedReason"] = end.StoppedReason;
        task["Version"] = timeline.StartedAt is null ? 3 : 5;
        return Sorted(task);
    }

    private static JsonObject Common(TaskIdentity identity, ContainerLaunch? launch, string lastStatus, string desiredStatus, string attachmentStatus, TaskEnd? end)
    {
        var definition = identity.Definition;
        var containers = new JsonArray();
        var first = true;
        foreach (var (name, arn) in identity.ContainerArns)
        {
            var template = definition.Container(name);
            var container = new JsonObject
            {
                ["ContainerArn"] = arn,
                ["Cpu"] = template?.Cpu ?? "0",
                ["GpuIds"] = new JsonArray(),
                ["Image"] = template?.Image ?? "",
                ["LastStatus"] = end is null ? "PENDING" : "STOPPED",
                ["ManagedAgents"] = new JsonArray(),
                ["Name"] = name,
                ["NetworkBindings"] = new JsonArray(),
                ["NetworkInterfaces"] = new JsonArray(new JsonObject { ["AttachmentId"] = identity.AttachmentId, ["PrivateIpv4Address"] = identity.PrivateIpv4Address }),
                ["TaskArn"] = identity.TaskArn,
            };
            if (template?.Memory is { } memory)
            {
                container["Memory"] = memory;
            }

            // Only the launched (first) container runs locally; the others report no exit code.
            if (first && end is not null)
            {
                container["RuntimeId"] = identity.TaskId + "-1";
                if (end.ExitCode is { } exitCode)
                {
                    container["ExitCode"] = exitCode;
                }

                if (end.ContainerReason is { } reason)
                {
                    container["Reason"] = reason;
                }
            }

            containers.Add((JsonNode)container);
            first = false;
        }

        var details = new JsonArray();
        if (identity.SubnetId is { } subnet)
        {
            details.Add((JsonNode)Detail("subnetId", subnet));
        }

        details.Add((JsonNode)Detail("networkInterfaceId", identity.NetworkInterfaceId));
        details.Add((JsonNode)Detail("macAddress", identity.MacAddress));
        details.Add((JsonNode)Detail("privateDnsName", "ip-" + identity.PrivateIpv4Address.Replace('.', '-') + ".ec2.internal"));
        details.Add((JsonNode)Detail("privateIPv4Address", identity.PrivateIpv4Address));
        var task = new JsonObject
        {
            ["Attachments"] = new JsonArray(new JsonObject { ["Details"] = details, ["Id"] = identity.AttachmentId, ["Status"] = attachmentStatus, ["Type"] = "eni" }),
            ["Attributes"] = new JsonArray(new JsonObject { ["Name"] = "ecs.cpu-architecture", ["Value"] = "x86_64" }),
            ["AvailabilityZone"] = identity.Region + "a",
            ["ClusterArn"] = identity.ClusterArn,
            ["Connectivity"] = "CONNECTED",
            ["Containers"] = containers,
            ["Cpu"] = identity.Cpu,
            ["DesiredStatus"] = desiredStatus,
            ["EnableExecuteCommand"] = false,
            ["EphemeralStorage"] = new JsonObject { ["SizeInGiB"] = 20 },
            ["Group"] = identity.Group,
            ["InferenceAccelerators"] = new JsonArray(),
            ["LastStatus"] = lastStatus,
            ["LaunchType"] = "FARGATE",
            ["Memory"] = identity.Memory,
            ["Overrides"] = identity.Overrides.DeepClone(),
            ["PlatformFamily"] = "Linux",
            ["PlatformVersion"] = "1.4.0",
            ["Tags"] = identity.Tags.DeepClone(),
            ["TaskArn"] = identity.TaskArn,
            ["TaskDefinitionArn"] = definition.Arn,
        };
        if (identity.StartedBy is { } startedBy)
        {
            task["StartedBy"] = startedBy;
        }

        return task;
    }

    private static JsonObject Detail(string name, string value) => new() { ["Name"] = name, ["Value"] = value };

    private static void Time(JsonObject task, string name, long? value)
    {
        if (value is { } ms)
        {
            task[name] = ms;
        }
    }

    // AWS's output lists keys alphabetically; matching it keeps Causes byte-comparable with recorded samples.
    private static JsonObject Sorted(JsonObject task)
    {
        var sorted = new JsonObject();
        foreach (var key in task.Select(p => p.Key).Order(StringComparer.Ordinal).ToList())
        {
            var value = task[key];
            task.Remove(key);
            sorted[key] = value;
        }

        return sorted;
    }
}
