using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Orchestrator.Local.Tasks.Faults;
using Orchestrator.Local.Tasks.Runtimes;
using Orchestrator.States.Integrations;
using Orchestrator.Templates;

namespace Orchestrator.Local.Tasks;

/// <summary>
/// ecs:runTask(.sync) on this machine: RunTask resolves the template's task definition, applies the overrides and starts
/// the essential container's command (or an injected fault) and answers at once with the PROVISIONING task;
/// WaitUntilStoppedAsync returns the STOPPED DescribeTasks object, or, when its token is cancelled (state timeout,
/// execution stop), stops the task and lets the cancellation propagate.
/// </summary>
public sealed class LocalEcsTaskRunner : IEcsTaskRunner, IAsyncDisposable
{
    public const string CapacityUnavailableMessage = "Capacity is unavailable at this time. Please try again later or in a different availability zone";

    private readonly TaskDefinitionCatalog _definitions;
    private readonly LocalEcsOptions _options;
    private readonly IContainerRuntime _runtime;
    private readonly FaultInjector _faults;
    private readonly ConcurrentDictionary<string, LocalTask> _tasks = new(StringComparer.Ordinal);

    public LocalEcsTaskRunner(IEnumerable<TemplateTaskDefinition> definitions, LocalEcsOptions options, ContainerRuntimeChoice? runtime = null)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(options);
        _definitions = new TaskDefinitionCatalog(definitions);
        _options = options;
        var choice = runtime ?? ContainerRuntimeChoice.Processes;
        _runtime = choice.Runtime;
        RuntimeReason = choice.Reason;
        _faults = new FaultInjector(options.Faults);
    }

    /// <summary>A runner for a template's task definitions; with UseDocker, probes for a Docker engine first.</summary>
    public static async Task<LocalEcsTaskRunner> CreateAsync(SamTemplate template, LocalEcsOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(options);
        var runtime = await ContainerRuntimeChoice.ChooseAsync(options.UseDocker, options.SearchPath, TimeSpan.FromSeconds(5), cancellation);
        return new LocalEcsTaskRunner(template.TaskDefinitions, options, runtime);
    }

    /// <summary>"processes" or "docker VERSION".</summary>
    public string Runtime => _runtime.Description;

    /// <summary>Why that runtime was chosen.</summary>
    public string RuntimeReason { get; }

    public FaultPlan Faults => _options.Faults;

    /// <summary>Faults injected so far.</summary>
    public InjectedFaults InjectedFaults => _faults.Counts;

    /// <summary>A known task (running, or stopped within the retention), e.g. to print its log path.</summary>
    public LocalTask? Find(string taskArn) => _tasks.GetValueOrDefault(taskArn);

    /// <summary>The log file of a task, &lt;logs&gt;/&lt;stream-prefix&gt;/&lt;container&gt;/&lt;task-id&gt;.log.</summary>
    public string? LogPath(string taskArn) => Find(taskArn)?.Launch.LogPath;

    public IReadOnlyCollection<LocalTask> KnownTasks => [.. _tasks.Values];

    public ValueTask<EcsRunTaskResult> RunTaskAsync(JsonObject request, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellation.ThrowIfCancellationRequested();
        ForgetOldStoppedTasks();
        return ValueTask.FromResult(Run(request));
    }

    public async ValueTask<JsonObject> WaitUntilStoppedAsync(string taskArn, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(taskArn);
        if (!_tasks.TryGetValue(taskArn, out var task))
        {
            throw new InvalidOperationException($"local ECS knows no task {taskArn}; it was not started by this runner or stopped more than {_options.StoppedTaskRetention} ago");
        }

        try
        {
            return (JsonObject)(await task.Stopped.WaitAsync(cancellation)).DeepClone();
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Step Functions stops the task when the state times out or the execution stops; the caller still sees the cancellation.
            task.RequestStop();
            await task.Stopped;
            throw;
        }
    }

    /// <summary>Stops every task still running and waits for them to stop.</summary>
    public async ValueTask DisposeAsync()
    {
        var running = _tasks.Values.Where(t => !t.Stopped.IsCompleted).ToList();
        foreach (var task in running)
        {
            task.RequestStop();
        }

        await Task.WhenAll(running.Select(t => t.Stopped));
    }

    private EcsRunTaskResult Run(JsonObject request)
    {
        if (!TryString(request["TaskDefinition"], out var reference) || reference.Length == 0)
        {
            return new EcsApiError("InvalidParameterException", "TaskDefinition can not be blank.");
        }

        // What ECS answers for a task definition it does not have (ClientException, as for CreateService).
        if (_definitions.Find(reference) is not { } definition)
        {
            return new EcsApiError("ClientException", "TaskDefinition not found.");
        }

        if (ContainerLaunchPlanner.EssentialContainer(definition) is not { } container)
        {
            return new EcsApiError("ClientException", "Container definitions are empty in the task definition.");
        }

        if (ContainerLaunchPlanner.ReadOverrides(request, definition, out var overrides) is { } invalid)
        {
            return invalid;
        }

        var clusterArn = ClusterArn(request);
        var fault = _faults.Next();
        switch (fault)
        {
            case LaunchFault.CapacityUnavailable:
                return new EcsApiError("AmazonECSException", CapacityUnavailableMessage);
            case LaunchFault.PlacementFailure:
                return new EcsRunTaskResponse(new JsonObject
                {
                    ["Failures"] = new JsonArray(new JsonObject { ["Arn"] = clusterArn, ["Reason"] = "RESOURCE:FARGATE" }),
                    ["Tasks"] = new JsonArray(),
                });
        }

        var identity = Identity(request, definition, container, clusterArn);
        var launch = ContainerLaunchPlanner.Plan(definition, container, overrides, identity, _options);
        var task = new LocalTask(identity, launch, fault, _runtime, _options.Time);
        _tasks[task.TaskArn] = task;
        task.Start();
        return new EcsRunTaskResponse(new JsonObject
        {
            ["Failures"] = new JsonArray(),
            ["Tasks"] = new JsonArray(task.Provisioning()),
        });
    }

    private TaskIdentity Identity(JsonObject request, TemplateTaskDefinition definition, TemplateContainer launched, string clusterArn)
    {
        var arn = clusterArn.Split(':');
        var region = arn.Length > 5 ? arn[3] : _options.Region;
        var account = arn.Length > 5 ? arn[4] : _options.AccountId;
        var clusterName = clusterArn[(clusterArn.LastIndexOf('/') + 1)..];
        var taskId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var taskArn = $"arn:aws:ecs:{region}:{account}:task/{clusterName}/{taskId}";
        var overrides = request["Overrides"] as JsonObject;
        var subnets = request["NetworkConfiguration"]?["AwsvpcConfiguration"]?["Subnets"] as JsonArray;
        var ip = RandomNumberGenerator.GetBytes(2);
        var mac = RandomNumberGenerator.GetBytes(5);
        return new TaskIdentity
        {
            Region = region,
            AccountId = account,
            ClusterArn = clusterArn,
            TaskId = taskId,
            TaskArn = taskArn,
            Definition = definition,
            Cpu = TryString(overrides?["Cpu"], out var cpu) ? cpu : definition.Cpu ?? "256",
            Memory = TryString(overrides?["Memory"], out var memory) ? memory : definition.Memory ?? "512",
            Group = TryString(request["Group"], out var group) ? group : "family:" + definition.Family,
            StartedBy = TryString(request["StartedBy"], out var startedBy) ? startedBy : null,
            Overrides = EchoedOverrides(overrides),
            Tags = request["Tags"] is JsonArray tags ? (JsonArray)tags.DeepClone() : [],
            SubnetId = subnets?.FirstOrDefault() is JsonValue subnet && subnet.TryGetValue<string>(out var subnetId) ? subnetId : null,
            ContainerArns = [.. definition.Containers
                .OrderBy(c => ReferenceEquals(c, launched) ? 0 : 1)
                .Select(c => KeyValuePair.Create(c.Name, $"arn:aws:ecs:{region}:{account}:container/{clusterName}/{taskId}/{Guid.NewGuid()}"))],
            AttachmentId = Guid.NewGuid().ToString(),
            NetworkInterfaceId = "eni-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(9))[..17],
            PrivateIpv4Address = string.Create(CultureInfo.InvariantCulture, $"10.0.{ip[0]}.{Math.Max((int)ip[1], 4)}"),
            MacAddress = "0e:" + string.Join(':', mac.Select(b => b.ToString("x2", CultureInfo.InvariantCulture))),
        };
    }

    private string ClusterArn(JsonObject request)
    {
        var cluster = TryString(request["Cluster"], out var given) && given.Length > 0 ? given : _options.DefaultCluster;
        return cluster.StartsWith("arn:", StringComparison.Ordinal)
            ? cluster
            : $"arn:aws:ecs:{_options.Region}:{_options.AccountId}:cluster/{cluster}";
    }

    /// <summary>Overrides as DescribeTasks echoes them: every container override carries its lists, [] when not given.</summary>
    private static JsonObject EchoedOverrides(JsonObject? overrides)
    {
        var echoed = overrides?.DeepClone() as JsonObject ?? [];
        var containers = echoed["ContainerOverrides"] as JsonArray ?? [];
        foreach (var container in containers.OfType<JsonObject>())
        {
            foreach (var list in new[] { "Command", "Environment", "EnvironmentFiles", "ResourceRequirements" })
            {
                container.TryAdd(list, new JsonArray());
            }
        }

        echoed["ContainerOverrides"] = containers;
        echoed.TryAdd("InferenceAcceleratorOverrides", new JsonArray());
        return echoed;
    }

    private void ForgetOldStoppedTasks()
    {
        var horizon = _options.Time.GetUtcNow().ToUnixTimeMilliseconds() - (long)_options.StoppedTaskRetention.TotalMilliseconds;
        foreach (var (arn, task) in _tasks)
        {
            if (task.StoppedAt is { } stoppedAt && stoppedAt < horizon)
            {
                _tasks.TryRemove(arn, out _);
            }
        }
    }

    private static bool TryString(JsonNode? node, out string value)
    {
        if (node is JsonValue v && v.TryGetValue<string>(out var s))
        {
            value = s;
            return true;
        }

        value = "";
        return false;
    }
}
