using System.Text.RegularExpressions;
using Orchestrator.Templates;
using Orchestrator.Testing;

namespace Orchestrator.Definitions.Tests;

/// <summary>template.yaml, read as CloudFormation would (!Ref/!Sub/!GetAtt resolved), wired the way the code expects.</summary>
public sealed partial class TemplateWiringTests
{
    /// <summary>
    /// Actions that AWS only authorizes on Resource "*" (no resource-level permissions). Empty today: every statement in
    /// template.yaml names its resources. Add an action here only with the AWS documentation that says so.
    /// </summary>
    private static readonly HashSet<string> ActionsThatRequireWildcard = new(StringComparer.Ordinal);

    private static readonly SamTemplate Template = SamTemplate.Load(RepoPaths.Of("template.yaml"));

    [Fact]
    public void The_template_loads_without_problems()
    {
        Assert.Empty(Template.Validate());
    }

    [Fact]
    public void Every_DefinitionSubstitutions_key_is_used_and_every_placeholder_has_a_key()
    {
        var machine = Assert.Single(Template.StateMachines);
        Assert.Equal("STANDARD", machine.Type);
        Assert.Equal(Path.GetFullPath(RepoPaths.Of("statemachines", "run-job.asl.json")), Path.GetFullPath(machine.DefinitionPath!));
        var placeholders = Placeholder().Matches(File.ReadAllText(machine.DefinitionPath!)).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(placeholders.Order(StringComparer.Ordinal), machine.Substitutions.Keys);
        Assert.DoesNotContain("${", machine.Definition!, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_schedule_names_a_declared_job_whose_task_and_container_exist()
    {
        var jobs = Template.Jobs;
        Assert.NotEmpty(jobs);
        Assert.Equal(jobs.Length, jobs.Select(j => j.Spec?.Name).Distinct(StringComparer.Ordinal).Count());
        foreach (var job in jobs)
        {
            Assert.True(job.Spec is not null, $"{job.Location}: the schedule's Input is not a valid job block");
            Assert.Equal("StarterFunction", job.FunctionLogicalId);
            var task = Template.TaskDefinitions.SingleOrDefault(t => t.Arn == job.Spec.Task.TaskDefinition);
            Assert.True(task is not null, $"{job.Location}: task.taskDefinition {job.Spec.Task.TaskDefinition} is not a task definition declared in the template");
            Assert.True(task.Container(job.Spec.Task.Container) is not null, $"{job.Location}: container {job.Spec.Task.Container} is not in {task.LogicalId}");
            Assert.NotNull(job.Schedule);
        }
    }

    [Fact]
    public void No_IAM_statement_grants_a_wildcard_resource_beyond_the_documented_list()
    {
        Assert.NotEmpty(Template.PolicyStatements);
        foreach (var statement in Template.PolicyStatements.Where(s => s.Resources.Contains("*")))
        {
            var undocumented = statement.Actions.Where(a => !ActionsThatRequireWildcard.Contains(a)).ToList();
            Assert.True(undocumented.Count == 0, $"{statement.Location}: {string.Join(", ", undocumented)} on Resource \"*\"");
        }

        Assert.All(Template.PolicyStatements, s => Assert.DoesNotContain(s.Actions, a => a.EndsWith(":*", StringComparison.Ordinal) || a == "*"));
    }

    [Fact]
    public void The_state_machine_may_run_every_jobs_task_and_pass_exactly_the_task_roles()
    {
        var statements = Template.PolicyStatements.Where(s => s.RoleLogicalId == "StateMachineRole").ToList();
        var runTask = Assert.Single(statements, s => s.Actions.Contains("ecs:RunTask"));
        var passRole = Assert.Single(statements, s => s.Actions.Contains("iam:PassRole"));
        Assert.Contains("ecs-tasks.amazonaws.com", passRole.Condition, StringComparison.Ordinal);

        var taskRoles = Template.TaskDefinitions.SelectMany(t => new[] { t.ExecutionRoleArn, t.TaskRoleArn }).OfType<string>().ToHashSet(StringComparer.Ordinal);
        Assert.Equal(taskRoles.Order(StringComparer.Ordinal), passRole.Resources.Order(StringComparer.Ordinal));
        foreach (var job in Template.Jobs)
        {
            var task = Template.TaskDefinitions.Single(t => t.Arn == job.Spec!.Task.TaskDefinition);
            Assert.Contains(runTask.Resources, r => r.EndsWith(":task-definition/" + task.Family + ":*", StringComparison.Ordinal));
        }

        // .sync needs more than SAM's EcsRunTaskPolicy: stop and describe, and the managed events rule.
        Assert.Contains(statements, s => s.Actions.Contains("ecs:StopTask") && s.Actions.Contains("ecs:DescribeTasks"));
        Assert.Contains(statements, s => s.Actions.Contains("events:PutRule") && s.Resources.Single().EndsWith(":rule/StepFunctionsGetEventsForECSTaskRule", StringComparison.Ordinal));
    }

    [Fact]
    public void The_run_table_in_the_template_is_the_one_the_ledger_expects()
    {
        var expected = Ledger.RunTable.Definition("x");
        var table = Assert.Single(Template.Tables);
        Assert.Equal(expected.KeySchema.Select(k => k.AttributeName), table.KeySchema.Select(k => k.AttributeName));
        Assert.Equal(
            expected.GlobalSecondaryIndexes.Select(i => $"{i.IndexName}:{string.Join(",", i.KeySchema.Select(k => k.AttributeName))}:{i.Projection.ProjectionType}").Order(StringComparer.Ordinal),
            table.GlobalSecondaryIndexes.Select(i => $"{i.IndexName}:{string.Join(",", i.KeySchema.Select(k => k.AttributeName))}:{i.ProjectionType}").Order(StringComparer.Ordinal));
        Assert.Equal(Ledger.RunTable.ExpiresAt, table.TimeToLiveAttribute);
        Assert.True(table.PointInTimeRecovery);
        Assert.Equal("Retain", table.DeletionPolicy);
    }

    [Fact]
    public void The_starter_gets_the_table_and_state_machine_it_reads_from_its_environment()
    {
        var function = Assert.Single(Template.Functions, f => f.LogicalId == "StarterFunction");
        Assert.Equal(Template.Tables.Single().TableName, function.Environment[Starter.StarterComposition.TableVariable]);
        Assert.Equal(Template.StateMachines.Single().Arn, function.Environment[Starter.StarterComposition.StateMachineVariable]);
    }

    [GeneratedRegex(@"\$\{([A-Za-z0-9_]+)\}")]
    private static partial Regex Placeholder();
}
