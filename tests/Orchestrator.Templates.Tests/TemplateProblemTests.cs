using System.Collections.Immutable;

namespace Orchestrator.Templates.Tests;

/// <summary>Small broken templates in a temp folder: each problem is reported with its location, and nothing throws.</summary>
public sealed class TemplateProblemTests : IDisposable
{
    private const string Definition = """{"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": "${Table}", "End": true}}}""";

    private const string Base = """
        AWSTemplateFormatVersion: "2010-09-09"
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              Family: demo
              ContainerDefinitions:
                - Name: app
                  Image: busybox
          Machine:
            Type: AWS::Serverless::StateMachine
            Properties:
              DefinitionUri: machine.asl.json
              DefinitionSubstitutions:
                Table: !Ref Table
          Table:
            Type: AWS::DynamoDB::Table
            Properties: { TableName: runs }
          Starter:
            Type: AWS::Serverless::Function
            Properties:
              Handler: bootstrap
              Environment:
                Variables:
                  TABLE: !Ref Table
              Events:
                Nightly:
                  Type: ScheduleV2
                  Properties:
                    ScheduleExpression: cron(0 3 * * ? *)
                    Input: !Sub |
                      {"job": "nightly", "scheduledTime": "<aws.scheduler.scheduled-time>", "task": {"taskDefinition": "${Task}", "container": "app"}}
        """;

    private const string Events = "Resources.Starter.Properties.Events";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "orchestrator-templates-" + Guid.NewGuid().ToString("N"));

    public TemplateProblemTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_base_template_is_valid()
    {
        var template = Load(Base);

        Assert.Empty(template.Validate());
        var job = Assert.Single(template.Jobs);
        Assert.Equal("nightly", job.Spec!.Name);
        Assert.Equal("arn:aws:ecs:us-east-1:123456789012:task-definition/demo:1", job.Spec.Task.TaskDefinition);
        Assert.Equal("""{"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": "runs", "End": true}}}""", template.StateMachines.Single().Definition);
    }

    [Fact]
    public void Yaml_syntax_errors_have_line_and_column()
    {
        var template = Load("Resources:\n  Table:\n    Type: [unclosed\n");

        var problem = Assert.Single(template.Validate());
        Assert.StartsWith("template.yaml line ", problem.Location, StringComparison.Ordinal);
        Assert.NotNull(problem.Line);
        Assert.Contains("YAML syntax", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_yaml_keys_are_reported()
    {
        var template = Load("Resources:\n  Table:\n    Type: AWS::DynamoDB::Table\n  Table:\n    Type: AWS::DynamoDB::Table\n");

        Assert.Contains("each key may appear once", Assert.Single(template.Validate()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_a_problem_not_an_exception()
    {
        var template = SamTemplate.Load(Path.Combine(_folder, "absent.yaml"));

        Assert.Contains("cannot read the template", Assert.Single(template.Validate()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_ref_target_is_located()
    {
        var template = Load(Base.Replace("TABLE: !Ref Table", "TABLE: !Ref Tabel", StringComparison.Ordinal));

        AssertProblem(template, "Resources.Starter.Properties.Environment.Variables.TABLE", "no parameter or resource named Tabel");
    }

    [Fact]
    public void Long_form_ref_is_resolved_and_checked_too()
    {
        var template = Load(Base.Replace("TABLE: !Ref Table", "TABLE: { Ref: Nothing }", StringComparison.Ordinal));

        AssertProblem(template, "Resources.Starter.Properties.Environment.Variables.TABLE.Ref", "no parameter or resource named Nothing");
    }

    [Fact]
    public void Sub_placeholder_without_parameter_or_resource_is_located()
    {
        var template = Load(Base.Replace("TABLE: !Ref Table", "TABLE: !Sub \"${Nope}-runs\"", StringComparison.Ordinal));

        AssertProblem(template, "Resources.Starter.Properties.Environment.Variables.TABLE", "Fn::Sub placeholder ${Nope} is not a parameter, resource");
    }

    [Fact]
    public void Unknown_attribute_is_located()
    {
        var template = Load(Base.Replace("TABLE: !Ref Table", "TABLE: !GetAtt Table.Nope", StringComparison.Ordinal));

        AssertProblem(template, "Resources.Starter.Properties.Environment.Variables.TABLE", "AWS::DynamoDB::Table has no attribute Nope; it has Arn, StreamArn");
    }

    [Fact]
    public void Import_value_cannot_be_resolved_offline()
    {
        var template = Load(Base.Replace("TABLE: !Ref Table", "TABLE: !ImportValue shared-table", StringComparison.Ordinal));

        AssertProblem(template, "Resources.Starter.Properties.Environment.Variables.TABLE", "Fn::ImportValue");
        Assert.Equal("{Fn::ImportValue: shared-table}", template.Functions.Single().Environment["TABLE"]);
    }

    [Fact]
    public void Bad_schedule_expression_is_located_at_the_event()
    {
        var template = Load(Base.Replace("cron(0 3 * * ? *)", "cron(0 3 * * MON *)", StringComparison.Ordinal));

        AssertProblem(template, $"{Events}.Nightly.Properties.ScheduleExpression", "day-of-month and day-of-week cannot both be set; use ? in one of them");
        Assert.Null(template.Jobs.Single().Schedule);
    }

    [Fact]
    public void Bad_rate_and_time_zone_are_each_located()
    {
        var template = Load(Base.Replace("cron(0 3 * * ? *)", "rate(1 hours)\n            ScheduleExpressionTimezone: Moon/Base", StringComparison.Ordinal));

        AssertProblem(template, $"{Events}.Nightly.Properties.ScheduleExpression", "write rate(1 hour)");
        AssertProblem(template, $"{Events}.Nightly.Properties.ScheduleExpressionTimezone", "unknown time zone 'Moon/Base'");
    }

    [Fact]
    public void Serverless_resources_without_the_transform_are_reported()
    {
        var template = Load(Base.Replace("Transform: AWS::Serverless-2016-10-31\n", "", StringComparison.Ordinal));

        AssertProblem(template, "Transform", "add Transform: AWS::Serverless-2016-10-31");
    }

    [Fact]
    public void Misspelled_context_attribute_is_reported()
    {
        var template = Load(Base.Replace("\"task\":", "\"note\": \"<aws.scheduler.scheduledtime>\", \"task\":", StringComparison.Ordinal));

        AssertProblem(template, $"{Events}.Nightly.Properties.Input", "<aws.scheduler.scheduledtime> is not a Scheduler context attribute");
    }

    [Fact]
    public void Cron_that_never_fires_is_reported()
    {
        var template = Load(Base.Replace("cron(0 3 * * ? *)", "cron(0 3 30 2 ? *)", StringComparison.Ordinal));

        AssertProblem(template, $"{Events}.Nightly.Properties.ScheduleExpression", "never fires");
    }

    [Fact]
    public void Scheduler_window_and_retry_policy_are_read_and_checked()
    {
        var good = Load(Base.Replace("cron(0 3 * * ? *)", "cron(0 3 * * ? *)\n            FlexibleTimeWindow: { Mode: FLEXIBLE, MaximumWindowInMinutes: 15 }\n            RetryPolicy: { MaximumRetryAttempts: 3 }", StringComparison.Ordinal));
        Assert.Empty(good.Validate());
        Assert.Equal(15, good.Jobs.Single().FlexibleWindowMinutes);
        Assert.Equal(3, good.Jobs.Single().MaximumRetryAttempts);
        Assert.Equal(86_400, good.Jobs.Single().MaximumEventAgeSeconds);

        var bad = Load(Base.Replace("cron(0 3 * * ? *)", "cron(0 3 * * ? *)\n            FlexibleTimeWindow: { Mode: FLEXIBLE }\n            RetryPolicy: { MaximumEventAgeInSeconds: 5 }", StringComparison.Ordinal));
        AssertProblem(bad, $"{Events}.Nightly.Properties.FlexibleTimeWindow.MaximumWindowInMinutes", "needs MaximumWindowInMinutes from 1 to 1440");
        AssertProblem(bad, $"{Events}.Nightly.Properties.RetryPolicy.MaximumEventAgeInSeconds", "must be a whole number from 60 to 86400");
    }

    [Fact]
    public void Job_block_problems_carry_the_input_location()
    {
        var template = Load(Base.Replace(", \"container\": \"app\"", "", StringComparison.Ordinal));

        AssertProblem(template, $"{Events}.Nightly.Properties.Input", "task.container: missing");
        Assert.Null(template.Jobs.Single().Spec);
    }

    [Fact]
    public void Input_that_is_not_json_is_reported()
    {
        var template = Load(Base.Replace("{\"job\": \"nightly\",", "{\"job\": \"nightly\" oops", StringComparison.Ordinal));

        AssertProblem(template, $"{Events}.Nightly.Properties.Input", "not valid JSON");
    }

    [Fact]
    public void Duplicate_job_names_are_reported()
    {
        var second = """
                    Again:
                      Type: ScheduleV2
                      Properties:
                        ScheduleExpression: rate(1 hour)
                        Input: !Sub '{"job": "nightly", "scheduledTime": "<aws.scheduler.scheduled-time>", "task": {"taskDefinition": "${Task}", "container": "app"}}'
            """;
        var template = Load(Base + "\n" + second);

        AssertProblem(template, $"{Events}.Again.Properties.Input", $"the name 'nightly' is already used by {Events}.Nightly");
    }

    [Fact]
    public void Task_definition_and_container_must_be_declared()
    {
        var template = Load(Base.Replace("${Task}", "other-family:3", StringComparison.Ordinal));
        AssertProblem(template, $"{Events}.Nightly.Properties.Input", "task.taskDefinition: 'other-family:3' is not a task definition of this template");

        var container = Load(Base.Replace("\"container\": \"app\"", "\"container\": \"web\"", StringComparison.Ordinal));
        AssertProblem(container, $"{Events}.Nightly.Properties.Input", "task.container: 'web' is not a container of Task (containers: app)");
    }

    [Fact]
    public void Substitutions_and_placeholders_must_match()
    {
        var template = Load(
            Base.Replace("Table: !Ref Table", "Table: !Ref Table\n        Unused: x", StringComparison.Ordinal),
            Definition.Replace("\"End\"", "\"Comment\": \"${Missing}\", \"End\"", StringComparison.Ordinal));

        AssertProblem(template, "Resources.Machine.Properties.DefinitionSubstitutions.Unused", "not used: the definition has no ${Unused}");
        AssertProblem(template, "Resources.Machine.Properties.DefinitionUri", "the definition uses ${Missing} but DefinitionSubstitutions has no Missing");
    }

    [Fact]
    public void Missing_definition_file_is_reported()
    {
        var template = Load(Base.Replace("machine.asl.json", "nowhere/machine.asl.json", StringComparison.Ordinal));

        AssertProblem(template, "Resources.Machine.Properties.DefinitionUri", "the definition file nowhere/machine.asl.json does not exist");
    }

    [Fact]
    public void Parameter_problems_name_the_parameter()
    {
        var yaml = "Parameters:\n  Mode:\n    Type: String\n    AllowedValues: [a, b]\n  Needed:\n    Type: String\n" + Base[Base.IndexOf("Resources:", StringComparison.Ordinal)..];

        var deploy = Load(yaml, options: new TemplateLoadOptions
        {
            Mode = TemplateMode.Deploy,
            ParameterOverrides = new Dictionary<string, string> { ["Mode"] = "c", ["Typo"] = "x" }.ToImmutableDictionary(),
        });

        AssertProblem(deploy, "Parameters.Mode", "'c' is not one of the AllowedValues (a, b)");
        AssertProblem(deploy, "Parameters.Needed", "no value given and no Default; pass it as a parameter override (Needed=...)");
        AssertProblem(deploy, "Parameters", "the override Typo is not a declared parameter");
    }

    [Fact]
    public void Ref_to_a_resource_that_its_condition_leaves_out_is_reported()
    {
        var yaml = "Parameters:\n  Env:\n    Type: String\n    Default: dev\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n"
            + Base[Base.IndexOf("Resources:", StringComparison.Ordinal)..].Replace("  Table:\n    Type: AWS::DynamoDB::Table", "  Table:\n    Type: AWS::DynamoDB::Table\n    Condition: IsProd", StringComparison.Ordinal);

        var template = Load(yaml);

        AssertProblem(template, "Resources.Starter.Properties.Environment.Variables.TABLE", "not created because its condition IsProd is false");
        Assert.False(template.Resource("Table")!.IsCreated);
    }

    [Fact]
    public void Undeclared_condition_is_reported()
    {
        var template = Load(Base.Replace("TABLE: !Ref Table", "TABLE: !If [Nope, a, b]", StringComparison.Ordinal));

        AssertProblem(template, "Resources.Starter.Properties.Environment.Variables.TABLE[0]", "condition 'Nope' is not declared in Conditions");
    }

    [Fact]
    public void Every_problem_is_reported_in_one_pass()
    {
        var yaml = Base
            .Replace("TABLE: !Ref Table", "TABLE: !Ref Tabel", StringComparison.Ordinal)
            .Replace("cron(0 3 * * ? *)", "cron(0 3 * * MON *)", StringComparison.Ordinal)
            .Replace("\"container\": \"app\"", "\"container\": \"web\"", StringComparison.Ordinal);

        var problems = Load(yaml).Validate();

        Assert.Equal(3, problems.Count);
    }

    private SamTemplate Load(string yaml, string definition = Definition, TemplateLoadOptions? options = null)
    {
        File.WriteAllText(Path.Combine(_folder, "machine.asl.json"), definition);
        var path = Path.Combine(_folder, "template.yaml");
        File.WriteAllText(path, yaml);
        return SamTemplate.Load(path, options ?? new TemplateLoadOptions { StackName = "test" });
    }

    private static void AssertProblem(SamTemplate template, string location, string message)
    {
        var problems = template.Validate();
        Assert.True(
            problems.Any(p => p.Location == location && p.Message.Contains(message, StringComparison.Ordinal)),
            $"expected {location}: …{message}… in:\n" + string.Join("\n", problems));
    }
}
