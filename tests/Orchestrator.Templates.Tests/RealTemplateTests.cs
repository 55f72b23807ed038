using System.Collections.Immutable;
using Orchestrator.Ledger;
using Orchestrator.Scheduling.Jobs;
using Orchestrator.Scheduling.Schedules;
using Orchestrator.Testing;

namespace Orchestrator.Templates.Tests;

/// <summary>The repository's own template.yaml, loaded as local mode loads it.</summary>
public sealed class RealTemplateTests
{
    private static readonly Lazy<SamTemplate> Template = new(() => SamTemplate.Load(RepoPaths.Of("template.yaml")));

    private static SamTemplate Loaded => Template.Value;

    [Fact]
    public void Loads_without_problems()
    {
        Assert.Empty(Loaded.Validate().Select(p => p.ToString()));
    }

    [Fact]
    public void List_parameters_without_defaults_get_placeholders_and_warnings()
    {
        var subnets = Loaded.Parameters.Single(p => p.Name == "SubnetIds");
        Assert.True(subnets.IsPlaceholder);
        Assert.Equal("local-subnet", Assert.Single(subnets.Value.Items).Text);
        Assert.Contains(Loaded.Warnings, w => w.Location == "Parameters.SubnetIds");
        Assert.Contains(Loaded.Warnings, w => w.Location == "Parameters.SecurityGroupIds");
    }

    [Fact]
    public void Deploy_mode_reports_parameters_without_value_or_default()
    {
        var strict = SamTemplate.Load(RepoPaths.Of("template.yaml"), new TemplateLoadOptions { Mode = TemplateMode.Deploy });

        var locations = strict.Validate().Select(p => p.Location).ToList();
        Assert.Contains("Parameters.SubnetIds", locations);
        Assert.Contains("Parameters.SecurityGroupIds", locations);
    }

    [Fact]
    public void Deploy_mode_with_every_parameter_given_has_no_problems()
    {
        var deploy = SamTemplate.Load(RepoPaths.Of("template.yaml"), new TemplateLoadOptions
        {
            Mode = TemplateMode.Deploy,
            ParameterOverrides = new Dictionary<string, string> { ["SubnetIds"] = "subnet-1", ["SecurityGroupIds"] = "sg-1" }.ToImmutableDictionary(),
        });

        Assert.Empty(deploy.Validate().Select(p => p.ToString()));
    }

    [Fact]
    public void Overrides_replace_placeholders_and_reach_the_substitutions()
    {
        var template = SamTemplate.Load(RepoPaths.Of("template.yaml"), new Dictionary<string, string>
        {
            ["SubnetIds"] = "subnet-a,subnet-b",
            ["SecurityGroupIds"] = "sg-1",
        });

        Assert.Empty(template.Validate());
        Assert.Empty(template.Warnings);
        var machine = Assert.Single(template.StateMachines);
        Assert.Equal("subnet-a,subnet-b", machine.Substitutions["SubnetIds"]);
        Assert.Equal("sg-1", machine.Substitutions["SecurityGroupIds"]);
    }

    [Fact]
    public void Stack_name_comes_from_samconfig()
    {
        Assert.Equal("orchestrator", Loaded.StackName);
    }

    [Fact]
    public void Finds_the_nightly_report_job()
    {
        var job = Assert.Single(Loaded.Jobs);

        Assert.Equal("StarterFunction", job.FunctionLogicalId);
        Assert.Equal("NightlyReport", job.EventName);
        Assert.Equal("cron(0 3 * * ? *)", job.ScheduleExpression);
        Assert.Equal("Europe/Berlin", job.TimeZone);
        Assert.True(job.Enabled);
        Assert.NotNull(job.Schedule);
        Assert.IsType<CronExpression>(job.Schedule!.Expression);
        var spec = Assert.IsType<JobSpec>(job.Spec);
        Assert.Equal("nightly-report", spec.Name);
        Assert.Equal("report", spec.Task.Container);
        Assert.Equal(ConcurrencyPolicy.Forbid, spec.Concurrency);
        Assert.Equal(75, Assert.Single(spec.Retry.ExitCodes));
    }

    [Fact]
    public void Job_task_definition_is_the_declared_task_definition()
    {
        var job = Assert.Single(Loaded.Jobs);
        var task = Assert.Single(Loaded.TaskDefinitions);

        Assert.Equal(task.Arn, job.Spec!.Task.TaskDefinition);
        Assert.Equal("orchestrator-nightly-report", task.Family);
        Assert.Equal("arn:aws:ecs:us-east-1:123456789012:task-definition/orchestrator-nightly-report:1", task.Arn);
        var container = Assert.Single(task.Containers);
        Assert.Equal("report", container.Name);
        Assert.True(container.Essential);
        Assert.Equal("nightly-report", container.LogStreamPrefix);
        Assert.Equal("us-east-1", container.LogRegion);
        Assert.Equal(Loaded.Resource("NightlyReportLogGroup")!.PhysicalId, container.LogGroup);
        Assert.Equal(["sh", "-c"], container.Command.Take(2));
    }

    [Fact]
    public void Rendered_input_substitutes_every_context_attribute()
    {
        var job = Assert.Single(Loaded.Jobs);
        var time = new DateTimeOffset(2026, 11, 21, 2, 0, 0, TimeSpan.Zero);

        var input = job.RenderInput(time);
        var parsed = ScheduleInput.Parse(System.Text.Encoding.UTF8.GetBytes(input), out var problems);

        Assert.Empty(problems);
        Assert.Equal(time, parsed!.ScheduledTime);
        Assert.Contains("\"scheduledTime\": \"2026-11-21T02:00:00Z\"", input, StringComparison.Ordinal);
        Assert.DoesNotContain("<aws.scheduler.", input, StringComparison.Ordinal);
    }

    [Fact]
    public void State_machine_substitutions_are_complete()
    {
        var machine = Assert.Single(Loaded.StateMachines);

        Assert.Equal("RunJobStateMachine", machine.LogicalId);
        Assert.Equal("STANDARD", machine.Type);
        Assert.Equal(RepoPaths.Of("statemachines", "run-job.asl.json"), machine.DefinitionPath);
        Assert.Equal(machine.Placeholders, machine.Substitutions.Keys.ToHashSet());
        Assert.DoesNotContain("${", machine.Definition!, StringComparison.Ordinal);
        Assert.Equal(Loaded.Tables.Single().TableName, machine.Substitutions["RunsTableName"]);
        Assert.Equal("arn:aws:ecs:us-east-1:123456789012:cluster/orchestrator-Cluster", machine.Substitutions["ClusterArn"]);
        Assert.Equal("ENABLED", machine.Substitutions["AssignPublicIp"]);
    }

    [Fact]
    public void Starter_environment_points_at_the_table_and_state_machine()
    {
        var starter = Loaded.Functions.Single(f => f.LogicalId == "StarterFunction");
        var machine = Loaded.StateMachines.Single();

        Assert.Equal("orchestrator-starter", starter.FunctionName);
        Assert.Equal(Loaded.Tables.Single().TableName, starter.Environment["ORCHESTRATOR_TABLE"]);
        Assert.Equal(machine.Arn, starter.Environment["ORCHESTRATOR_STATE_MACHINE_ARN"]);
        Assert.Equal("arn:aws:states:us-east-1:123456789012:stateMachine:orchestrator-RunJobStateMachine", machine.Arn);
        Assert.Equal("90", starter.Environment["ORCHESTRATOR_RETENTION_DAYS"]);
    }

    [Fact]
    public void Table_shape_matches_the_ledger_definition()
    {
        var table = Assert.Single(Loaded.Tables);
        var ledger = RunTable.Definition("x");

        Assert.Equal(ledger.KeySchema.Select(k => (k.AttributeName, k.KeyType.Value)), table.KeySchema.Select(k => (k.AttributeName, k.KeyType)));
        Assert.Equal(
            ledger.AttributeDefinitions.Select(a => (a.AttributeName, a.AttributeType.Value)).OrderBy(a => a.AttributeName, StringComparer.Ordinal),
            table.AttributeDefinitions.Select(a => (a.Key, a.Value)));
        Assert.Equal(
            ledger.GlobalSecondaryIndexes.Select(i => $"{i.IndexName}:{string.Join(",", i.KeySchema.Select(k => $"{k.AttributeName}/{k.KeyType.Value}"))}:{i.Projection.ProjectionType.Value}").Order(StringComparer.Ordinal),
            table.GlobalSecondaryIndexes.Select(i => $"{i.IndexName}:{string.Join(",", i.KeySchema.Select(k => $"{k.AttributeName}/{k.KeyType}"))}:{i.ProjectionType}").Order(StringComparer.Ordinal));
        Assert.Equal(ledger.BillingMode.Value, table.BillingMode);
        Assert.Equal(RunTable.ExpiresAt, table.TimeToLiveAttribute);
        Assert.True(table.PointInTimeRecovery);
        Assert.Equal("Retain", table.DeletionPolicy);
    }

    [Fact]
    public void Policy_statements_resolve_to_local_arns()
    {
        var startExecution = Loaded.PolicyStatements.Single(s => s.RoleLogicalId == "StarterRole" && s.Actions.Contains("states:StartExecution"));
        Assert.Equal(new[] { Loaded.StateMachines.Single().Arn }, startExecution.Resources.ToArray());

        var query = Loaded.PolicyStatements.Single(s => s.Actions.Contains("dynamodb:Query"));
        Assert.Equal(new[] { Loaded.Tables.Single().Arn + "/index/active-by-job" }, query.Resources.ToArray());

        var passRole = Loaded.PolicyStatements.Single(s => s.Sid == "PassOnlyJobRoles");
        Assert.Equal(
            new[] { Loaded.TaskDefinitions.Single().ExecutionRoleArn!, Loaded.TaskDefinitions.Single().TaskRoleArn! },
            passRole.Resources.ToArray());
        Assert.Contains("ecs-tasks.amazonaws.com", passRole.Condition, StringComparison.Ordinal);

        var runTask = Loaded.PolicyStatements.Single(s => s.Sid == "RunJobTasks");
        Assert.Equal("arn:aws:ecs:us-east-1:123456789012:task-definition/orchestrator-nightly-report:*", Assert.Single(runTask.Resources));
    }

    [Fact]
    public void Conditional_subscription_is_not_created_without_an_email()
    {
        Assert.False(Loaded.Resource("FailureEmailSubscription")!.IsCreated);

        var withEmail = SamTemplate.Load(RepoPaths.Of("template.yaml"), new Dictionary<string, string> { ["NotificationEmail"] = "ops@example.com" });
        Assert.True(withEmail.Resource("FailureEmailSubscription")!.IsCreated);
        Assert.Equal("ops@example.com", withEmail.Resource("FailureEmailSubscription")!.Properties["Endpoint"]!.Text);
    }

    [Fact]
    public void Failure_rule_targets_the_topic_and_the_starter()
    {
        var rule = Assert.Single(Loaded.EventRules);

        Assert.Equal(
            [Loaded.Resource("FailureTopic")!.PhysicalId, Loaded.Functions.Single().Arn],
            rule.Targets.Select(t => t.Arn));
        Assert.Contains(Loaded.StateMachines.Single().Arn, rule.EventPattern, StringComparison.Ordinal);
    }
}
