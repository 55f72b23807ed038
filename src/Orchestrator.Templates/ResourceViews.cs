using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Orchestrator.Scheduling.Jobs;
using Orchestrator.Scheduling.Schedules;

namespace Orchestrator.Templates;

/// <summary>
/// Builds the typed views of the resolved resources Orchestrator uses, and checks what only makes sense across them
/// (a job's task definition and container exist, a definition's placeholders match its substitutions).
/// </summary>
internal sealed partial class ResourceViews(ImmutableArray<TemplateResource> resources, string templatePath, LocalPhysicalIds ids, List<TemplateProblem> problems)
{
    // Any fixed instant works: the job block is validated with the placeholder filled, as the starter will see it.
    private static readonly DateTimeOffset SampleTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public ImmutableArray<TemplateJob> Jobs()
    {
        var jobs = ImmutableArray.CreateBuilder<TemplateJob>();
        foreach (var function in OfType("AWS::Serverless::Function"))
        {
            if (function.Properties["Events"] is not MapValue events)
            {
                continue;
            }

            foreach (var (eventName, eventValue) in events.Entries)
            {
                if (!string.Equals(eventValue["Type"]?.Text, "ScheduleV2", StringComparison.Ordinal))
                {
                    continue;
                }

                var location = $"{function.Location}.Properties.Events.{eventName}";
                jobs.Add(Job(function, eventName, eventValue["Properties"] as MapValue ?? new MapValue([]), location, function.Line));
            }
        }

        return jobs.ToImmutable();
    }

    private TemplateJob Job(TemplateResource function, string eventName, MapValue properties, string location, int line)
    {
        var at = location + ".Properties";
        var expressionText = properties["ScheduleExpression"]?.Text;
        ScheduleExpression? expression = null;
        if (expressionText is null)
        {
            Problem($"{at}.ScheduleExpression", "missing; a ScheduleV2 event needs cron(...), rate(...) or at(...)", line);
        }
        else if (!ScheduleExpression.TryParse(expressionText, out expression, out var error))
        {
            Problem($"{at}.ScheduleExpression", error!, line);
        }

        var zoneId = properties["ScheduleExpressionTimezone"]?.Text is { Length: > 0 } given ? given : "UTC";
        if (!ScheduleTimeZone.TryFind(zoneId, out var zone, out var zoneError))
        {
            Problem($"{at}.ScheduleExpressionTimezone", zoneError!, line);
        }

        var start = Date(properties, "StartDate", at, line);
        var end = Date(properties, "EndDate", at, line);
        if (expression is not AtExpression && start is not null && end is not null && end <= start)
        {
            Problem($"{at}.EndDate", "EndDate must be after StartDate", line);
        }

        var state = properties["State"]?.Text ?? "ENABLED";
        if (state is not ("ENABLED" or "DISABLED"))
        {
            Problem($"{at}.State", $"'{state}' is not a schedule state; use ENABLED or DISABLED", line);
        }

        var name = properties["Name"]?.Text;
        if (name is not null && string.Equals(properties["OmitName"]?.Text, "true", StringComparison.OrdinalIgnoreCase))
        {
            Problem($"{at}.Name", "Name cannot be set when OmitName is true (SAM rejects it); remove one of them", line);
        }

        int? window = null;
        if (properties["FlexibleTimeWindow"] is { } flexible)
        {
            var mode = flexible["Mode"]?.Text;
            var maximum = Int(flexible["MaximumWindowInMinutes"]);
            if (mode == "FLEXIBLE")
            {
                window = maximum is >= 1 and <= 1440 ? maximum
                    : Fail<int?>($"{at}.FlexibleTimeWindow.MaximumWindowInMinutes", "Mode FLEXIBLE needs MaximumWindowInMinutes from 1 to 1440", line);
            }
            else if (mode != "OFF")
            {
                Problem($"{at}.FlexibleTimeWindow.Mode", $"'{mode}' is not a window mode; use OFF or FLEXIBLE", line);
            }
        }

        var retryAttempts = Bounded(properties["RetryPolicy"]?["MaximumRetryAttempts"], $"{at}.RetryPolicy.MaximumRetryAttempts", 0, 185, 185, line);
        var eventAge = Bounded(properties["RetryPolicy"]?["MaximumEventAgeInSeconds"], $"{at}.RetryPolicy.MaximumEventAgeInSeconds", 60, 86_400, 86_400, line);
        if (expression is CronExpression cron && zone is not null
            && new Schedule { Expression = cron, TimeZone = zone }.NextFireTime(new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero)) is null)
        {
            Problem($"{at}.ScheduleExpression", $"'{expressionText}' never fires (no date matches every field, e.g. February 30); check the day and month fields", line);
        }

        var scheduleName = name ?? function.LogicalId + eventName;
        var group = properties["GroupName"]?.Text ?? "default";
        var job = new TemplateJob
        {
            FunctionLogicalId = function.LogicalId,
            EventName = eventName,
            ScheduleName = scheduleName,
            GroupName = group,
            ScheduleArn = $"arn:{ids.Partition}:scheduler:{ids.Region}:{ids.AccountId}:schedule/{group}/{scheduleName}",
            ScheduleExpression = expressionText ?? "",
            TimeZone = zoneId,
            Schedule = expression is not null && zone is not null
                ? new Schedule { Expression = expression, TimeZone = zone, TimeZoneId = zoneId, StartDate = start, EndDate = end }
                : null,
            Enabled = state != "DISABLED",
            FlexibleWindowMinutes = window,
            MaximumRetryAttempts = retryAttempts,
            MaximumEventAgeSeconds = eventAge,
            StartDate = start,
            EndDate = end,
            Location = location,
        };

        var input = properties["Input"];
        if (input is null)
        {
            Problem($"{at}.Input", "missing; give the event an Input with the job block (\"job\", \"scheduledTime\": \"<aws.scheduler.scheduled-time>\", \"task\", ...)", line);
            return job;
        }

        if (input is not TextValue inputText)
        {
            Problem($"{at}.Input", "Input must be a string of JSON (write it with !Sub | or a quoted string), not a YAML map or list", line);
            return job;
        }

        foreach (Match unknown in ContextAttribute().Matches(inputText.Value))
        {
            if (unknown.Value is not (TemplateJob.ScheduleArnPlaceholder or TemplateJob.ScheduledTimePlaceholder or TemplateJob.ExecutionIdPlaceholder or TemplateJob.AttemptNumberPlaceholder))
            {
                Problem($"{at}.Input", $"{unknown.Value} is not a Scheduler context attribute, so it would be delivered as written; use <aws.scheduler.schedule-arn>, <aws.scheduler.scheduled-time>, <aws.scheduler.execution-id> or <aws.scheduler.attempt-number>", line);
            }
        }

        job = job with { Input = inputText.Value };
        var parsed = job.ParseInput(SampleTime, out var jobProblems);
        foreach (var jobProblem in jobProblems)
        {
            Problem($"{at}.Input", jobProblem, line);
        }

        if (parsed is not null && !inputText.Value.Contains(TemplateJob.ScheduledTimePlaceholder, StringComparison.Ordinal))
        {
            Problem($"{at}.Input", "scheduledTime must be \"<aws.scheduler.scheduled-time>\" so each firing carries its own time", line);
        }

        return job with { Spec = parsed?.Job };
    }

    /// <summary>Duplicate job names, and each job's task definition and container against the declared ones.</summary>
    public void CheckJobs(ImmutableArray<TemplateJob> jobs, ImmutableArray<TemplateTaskDefinition> taskDefinitions)
    {
        var seen = new Dictionary<string, TemplateJob>(StringComparer.Ordinal);
        foreach (var job in jobs)
        {
            if (job.Spec is not { } spec)
            {
                continue;
            }

            var at = job.Location + ".Properties.Input";
            if (seen.TryGetValue(spec.Name, out var first))
            {
                Problem(at, $"job: the name '{spec.Name}' is already used by {first.Location}; job names must be unique (they name the runs)");
            }
            else
            {
                seen[spec.Name] = job;
            }

            var definition = taskDefinitions.FirstOrDefault(t => t.IsNamedBy(spec.Task.TaskDefinition));
            if (definition is null)
            {
                var declared = taskDefinitions.Length == 0 ? "none is declared" : "declared: " + string.Join(", ", taskDefinitions.Select(t => $"{t.LogicalId} ({t.Arn})"));
                Problem(at, $"task.taskDefinition: '{spec.Task.TaskDefinition}' is not a task definition of this template ({declared}); use \"${{TaskLogicalId}}\" inside !Sub");
                continue;
            }

            var container = definition.Container(spec.Task.Container);
            if (container is null)
            {
                Problem(at, $"task.container: '{spec.Task.Container}' is not a container of {definition.LogicalId} (containers: {string.Join(", ", definition.Containers.Select(c => c.Name))})");
                continue;
            }

            if (spec.Task.LogStreamPrefix is { } prefix && container.LogStreamPrefix is { } declaredPrefix && !string.Equals(prefix, declaredPrefix, StringComparison.Ordinal))
            {
                Problem(at, $"task.logStreamPrefix: '{prefix}' differs from the container's awslogs-stream-prefix '{declaredPrefix}' in {definition.LogicalId}; run records would name the wrong log stream");
            }
        }
    }

    public ImmutableArray<TemplateStateMachine> StateMachines()
    {
        var machines = ImmutableArray.CreateBuilder<TemplateStateMachine>();
        foreach (var resource in resources.Where(r => r.Type is "AWS::Serverless::StateMachine" or "AWS::StepFunctions::StateMachine"))
        {
            machines.Add(StateMachine(resource));
        }

        return machines.ToImmutable();
    }

    private TemplateStateMachine StateMachine(TemplateResource resource)
    {
        var at = resource.Location + ".Properties";
        var properties = resource.Properties;
        var isSam = resource.Type == "AWS::Serverless::StateMachine";
        var type = properties[isSam ? "Type" : "StateMachineType"]?.Text ?? "STANDARD";
        if (type is not ("STANDARD" or "EXPRESS"))
        {
            Problem($"{at}.Type", $"'{type}' is not a state machine type; use STANDARD or EXPRESS", resource.Line);
        }

        var substitutions = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (properties["DefinitionSubstitutions"] is MapValue map)
        {
            foreach (var (key, value) in map.Entries)
            {
                if (value.Text is { } text)
                {
                    substitutions[key] = text;
                }
                else
                {
                    Problem($"{at}.DefinitionSubstitutions.{key}", "a substitution must be a string; join a list with !Join", resource.Line);
                }
            }
        }

        string? uri = null;
        string? file = null;
        string? template = null;
        var uriValue = properties[isSam ? "DefinitionUri" : "DefinitionS3Location"];
        if (uriValue is TextValue uriText)
        {
            uri = uriText.Value;
            file = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(templatePath) ?? ".", uri));
            if (File.Exists(file))
            {
                template = File.ReadAllText(file);
            }
            else
            {
                Problem($"{at}.DefinitionUri", $"the definition file {uri} does not exist (looked for {file})", resource.Line);
            }
        }
        else if (uriValue is not null)
        {
            Problem($"{at}.DefinitionUri", "an S3 location cannot be read offline; point DefinitionUri at a file in the repository", resource.Line);
        }
        else if (properties[isSam ? "Definition" : "DefinitionString"] is { } inline)
        {
            template = inline.Text ?? inline.ToJson();
        }
        else
        {
            Problem(at, "a state machine needs DefinitionUri (a file) or Definition", resource.Line);
        }

        var placeholders = ImmutableSortedSet.CreateBuilder<string>(StringComparer.Ordinal);
        string? definition = null;
        if (template is not null)
        {
            foreach (Match match in Placeholder().Matches(template))
            {
                placeholders.Add(match.Groups[1].Value);
            }

            foreach (var key in substitutions.Keys.Where(k => !placeholders.Contains(k)))
            {
                Problem($"{at}.DefinitionSubstitutions.{key}", $"not used: the definition has no ${{{key}}}; remove it or use it", resource.Line);
            }

            foreach (var missing in placeholders.Where(p => !substitutions.ContainsKey(p)))
            {
                Problem($"{at}.{(uri is null ? "Definition" : "DefinitionUri")}", $"the definition uses ${{{missing}}} but DefinitionSubstitutions has no {missing}", resource.Line);
            }

            definition = Placeholder().Replace(template, m => substitutions.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);
            try
            {
                using var document = JsonDocument.Parse(definition);
            }
            catch (JsonException ex)
            {
                Problem($"{at}.{(uri is null ? "Definition" : "DefinitionUri")}", $"the definition is not valid JSON after substitution ({ex.Message})", resource.Line);
            }
        }

        var name = ids.GetAtt(resource.Type, resource.LogicalId, NameFromArn(resource.PhysicalId), "Name") ?? resource.LogicalId;
        return new TemplateStateMachine
        {
            LogicalId = resource.LogicalId,
            Name = name,
            Arn = resource.PhysicalId,
            Type = type,
            DefinitionUri = uri,
            DefinitionPath = file,
            Substitutions = substitutions.ToImmutable(),
            DefinitionTemplate = template,
            Definition = definition,
            Placeholders = placeholders.ToImmutable(),
            RoleArn = properties[isSam ? "Role" : "RoleArn"]?.Text,
        };
    }

    public ImmutableArray<TemplateTable> Tables() =>
    [
        .. OfType("AWS::DynamoDB::Table").Select(resource =>
        {
            var p = resource.Properties;
            var ttl = p["TimeToLiveSpecification"];
            return new TemplateTable
            {
                LogicalId = resource.LogicalId,
                TableName = resource.PhysicalId,
                Arn = ids.GetAtt(resource.Type, resource.LogicalId, resource.PhysicalId, "Arn")!,
                BillingMode = p["BillingMode"]?.Text,
                KeySchema = Keys(p["KeySchema"]),
                AttributeDefinitions = p["AttributeDefinitions"]?.Items
                    .Where(a => a["AttributeName"]?.Text is not null)
                    .ToImmutableSortedDictionary(a => a["AttributeName"]!.Text!, a => a["AttributeType"]?.Text ?? "", StringComparer.Ordinal)
                    ?? ImmutableSortedDictionary<string, string>.Empty,
                GlobalSecondaryIndexes = [.. (p["GlobalSecondaryIndexes"]?.Items ?? []).Select(i =>
                    new TableIndex(i["IndexName"]?.Text ?? "", Keys(i["KeySchema"]), i["Projection"]?["ProjectionType"]?.Text))],
                TimeToLiveAttribute = IsTrue(ttl?["Enabled"]) ? ttl?["AttributeName"]?.Text : null,
                PointInTimeRecovery = IsTrue(p["PointInTimeRecoverySpecification"]?["PointInTimeRecoveryEnabled"]),
                DeletionPolicy = resource.DeletionPolicy,
            };
        }),
    ];

    public ImmutableArray<TemplateTaskDefinition> TaskDefinitions() =>
    [
        .. OfType("AWS::ECS::TaskDefinition").Select(resource =>
        {
            var p = resource.Properties;
            return new TemplateTaskDefinition
            {
                LogicalId = resource.LogicalId,
                Family = FamilyFromArn(resource.PhysicalId),
                Arn = resource.PhysicalId,
                Cpu = p["Cpu"]?.Text,
                Memory = p["Memory"]?.Text,
                NetworkMode = p["NetworkMode"]?.Text,
                RequiresCompatibilities = Strings(p["RequiresCompatibilities"]),
                ExecutionRoleArn = p["ExecutionRoleArn"]?.Text,
                TaskRoleArn = p["TaskRoleArn"]?.Text,
                Containers = [.. (p["ContainerDefinitions"]?.Items ?? []).Select(Container)],
            };
        }),
    ];

    private static TemplateContainer Container(TemplateValue c)
    {
        var options = c["LogConfiguration"]?["Options"];
        return new TemplateContainer
        {
            Name = c["Name"]?.Text ?? "",
            Image = c["Image"]?.Text,
            Command = Strings(c["Command"]),
            EntryPoint = Strings(c["EntryPoint"]),
            Environment = (c["Environment"]?.Items ?? [])
                .Where(e => e["Name"]?.Text is not null)
                .ToImmutableSortedDictionary(e => e["Name"]!.Text!, e => e["Value"]?.Text ?? "", StringComparer.Ordinal),
            Essential = c["Essential"] is not { } essential || IsTrue(essential),
            Cpu = c["Cpu"]?.Text,
            Memory = c["Memory"]?.Text,
            LogDriver = c["LogConfiguration"]?["LogDriver"]?.Text,
            LogGroup = options?["awslogs-group"]?.Text,
            LogRegion = options?["awslogs-region"]?.Text,
            LogStreamPrefix = options?["awslogs-stream-prefix"]?.Text,
        };
    }

    public ImmutableArray<TemplatePolicyStatement> PolicyStatements()
    {
        var statements = ImmutableArray.CreateBuilder<TemplatePolicyStatement>();
        foreach (var role in OfType("AWS::IAM::Role"))
        {
            var at = role.Location + ".Properties";
            AddStatements(statements, role.LogicalId, "AssumeRolePolicyDocument", role.Properties["AssumeRolePolicyDocument"], $"{at}.AssumeRolePolicyDocument");
            var index = 0;
            foreach (var policy in role.Properties["Policies"]?.Items ?? [])
            {
                AddStatements(statements, role.LogicalId, policy["PolicyName"]?.Text ?? "", policy["PolicyDocument"], $"{at}.Policies[{index++}].PolicyDocument");
            }
        }

        // Stand-alone policies attach to roles by name (Ref of a role is its name): map names back to logical ids.
        foreach (var policy in resources.Where(r => r.Type is "AWS::IAM::Policy" or "AWS::IAM::ManagedPolicy"))
        {
            var name = policy.Properties["PolicyName"]?.Text ?? policy.Properties["ManagedPolicyName"]?.Text ?? policy.LogicalId;
            foreach (var roleName in Strings(policy.Properties["Roles"]))
            {
                var role = resources.FirstOrDefault(r => r.Type == "AWS::IAM::Role" && string.Equals(r.PhysicalId, roleName, StringComparison.Ordinal));
                AddStatements(statements, role?.LogicalId ?? roleName, name, policy.Properties["PolicyDocument"], $"{policy.Location}.Properties.PolicyDocument");
            }
        }

        return statements.ToImmutable();
    }

    private static void AddStatements(ImmutableArray<TemplatePolicyStatement>.Builder statements, string roleLogicalId, string policyName, TemplateValue? document, string at)
    {
        var statement = document?["Statement"];
        var list = statement is MapValue single ? [single] : statement?.Items ?? [];
        for (var i = 0; i < list.Length; i++)
        {
            var s = list[i];
            statements.Add(new TemplatePolicyStatement
            {
                RoleLogicalId = roleLogicalId,
                PolicyName = policyName,
                Sid = s["Sid"]?.Text,
                Effect = s["Effect"]?.Text ?? "",
                Actions = Strings(s["Action"]),
                Resources = Strings(s["Resource"]),
                Condition = s["Condition"]?.ToJson(),
                Location = $"{at}.Statement[{i}]",
            });
        }
    }

    public ImmutableArray<TemplateFunction> Functions() =>
    [
        .. resources.Where(r => r.Type is "AWS::Serverless::Function" or "AWS::Lambda::Function").Select(resource =>
        {
            var p = resource.Properties;
            return new TemplateFunction
            {
                LogicalId = resource.LogicalId,
                FunctionName = resource.PhysicalId,
                Arn = ids.GetAtt(resource.Type, resource.LogicalId, resource.PhysicalId, "Arn")!,
                Handler = p["Handler"]?.Text,
                Runtime = p["Runtime"]?.Text,
                CodeUri = p["CodeUri"]?.Text,
                TimeoutSeconds = Int(p["Timeout"]),
                MemorySize = Int(p["MemorySize"]),
                Environment = p["Environment"]?["Variables"] is MapValue variables
                    ? variables.Entries.ToImmutableSortedDictionary(v => v.Key, v => v.Value.Text ?? v.Value.ToJson(), StringComparer.Ordinal)
                    : ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal),
            };
        }),
    ];

    public ImmutableArray<TemplateEventRule> EventRules() =>
    [
        .. OfType("AWS::Events::Rule").Select(resource =>
        {
            var p = resource.Properties;
            return new TemplateEventRule
            {
                LogicalId = resource.LogicalId,
                Name = resource.PhysicalId,
                Arn = ids.GetAtt(resource.Type, resource.LogicalId, resource.PhysicalId, "Arn")!,
                Description = p["Description"]?.Text,
                EventPattern = p["EventPattern"] is { } pattern ? pattern.Text ?? pattern.ToJson() : null,
                ScheduleExpression = p["ScheduleExpression"]?.Text,
                State = p["State"]?.Text ?? "ENABLED",
                Targets = [.. (p["Targets"]?.Items ?? []).Select(t =>
                    new TemplateRuleTarget(t["Id"]?.Text ?? "", t["Arn"]?.Text ?? "", t["Input"]?.Text, t["InputTransformer"]?.ToJson()))],
            };
        }),
    ];

    private IEnumerable<TemplateResource> OfType(string type) => resources.Where(r => string.Equals(r.Type, type, StringComparison.Ordinal));

    private DateTimeOffset? Date(MapValue properties, string key, string at, int line)
    {
        if (properties[key]?.Text is not { } text)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
        {
            return date;
        }

        Problem($"{at}.{key}", $"'{text}' is not an ISO-8601 UTC time such as 2026-12-01T00:00:00Z", line);
        return null;
    }

    private int Bounded(TemplateValue? value, string location, int min, int max, int fallback, int line)
    {
        if (value is null)
        {
            return fallback;
        }

        return Int(value) is { } number && number >= min && number <= max
            ? number
            : Fail<int>(location, string.Create(CultureInfo.InvariantCulture, $"'{value}' must be a whole number from {min} to {max}"), line, fallback);
    }

    private T Fail<T>(string location, string message, int line, T fallback = default!)
    {
        Problem(location, message, line);
        return fallback;
    }

    private static ImmutableArray<TableKey> Keys(TemplateValue? schema) =>
        [.. (schema?.Items ?? []).Select(k => new TableKey(k["AttributeName"]?.Text ?? "", k["KeyType"]?.Text ?? ""))];

    private static ImmutableArray<string> Strings(TemplateValue? value) => value switch
    {
        null => [],
        ListValue list => [.. list.Values.Select(v => v.Text ?? v.ToJson())],
        _ => [value.Text ?? value.ToJson()],
    };

    private static bool IsTrue(TemplateValue? value) => string.Equals(value?.Text, "true", StringComparison.OrdinalIgnoreCase);

    private static int? Int(TemplateValue? value) =>
        int.TryParse(value?.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static string FamilyFromArn(string arn)
    {
        var slash = arn.LastIndexOf('/');
        var family = slash >= 0 ? arn[(slash + 1)..] : arn;
        var colon = family.LastIndexOf(':');
        return colon >= 0 ? family[..colon] : family;
    }

    private static string NameFromArn(string arn) => arn[(arn.LastIndexOf(':') + 1)..];

    private void Problem(string location, string message, int? line = null) => problems.Add(new TemplateProblem(location, message, line));

    [GeneratedRegex(@"\$\{([^}]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"<aws\.scheduler\.[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex ContextAttribute();
}
