namespace Orchestrator.Templates.Tests;

/// <summary>Ref and Fn::GetAtt give deterministic local ids shaped like CloudFormation's, by resource type.</summary>
public sealed class PhysicalIdTests
{
    private const string Template = """
        Transform: AWS::Serverless-2016-10-31
        Parameters:
          Retention: { Type: Number, Default: 90, MinValue: 1, MaxValue: 365 }
        Resources:
          Named:
            Type: AWS::DynamoDB::Table
            Properties: { TableName: !Sub "${AWS::StackName}-runs" }
          Unnamed:
            Type: AWS::DynamoDB::Table
          Machine:
            Type: AWS::Serverless::StateMachine
            Properties: { Name: flow, Definition: { StartAt: A, States: { A: { Type: Succeed } } } }
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties: { Family: job }
          Cluster:
            Type: AWS::ECS::Cluster
          Role:
            Type: AWS::IAM::Role
            Properties: { RoleName: runner }
          Topic:
            Type: AWS::SNS::Topic
          Logs:
            Type: AWS::Logs::LogGroup
            Properties: { LogGroupName: /jobs/x }
          Queue:
            Type: AWS::SQS::Queue
          Rule:
            Type: AWS::Events::Rule
          Fn:
            Type: AWS::Lambda::Function
            Properties: { FunctionName: starter }
          Extra:
            Type: AWS::IAM::Policy
            Properties:
              PolicyName: extra
              Roles: [!Ref Role]
              PolicyDocument:
                Statement:
                  Effect: Allow
                  Action: sqs:SendMessage
                  Resource: !GetAtt Queue.Arn
        Outputs:
          Arn: { Value: !GetAtt Named.Arn }
        """;

    [Theory]
    [InlineData("!Ref Named", "st-runs")]
    [InlineData("!Ref Unnamed", "st-Unnamed")]
    [InlineData("!GetAtt Unnamed.Arn", "arn:aws:dynamodb:us-east-1:123456789012:table/st-Unnamed")]
    [InlineData("!Ref Machine", "arn:aws:states:us-east-1:123456789012:stateMachine:flow")]
    [InlineData("!GetAtt Machine.Name", "flow")]
    [InlineData("!Ref Task", "arn:aws:ecs:us-east-1:123456789012:task-definition/job:1")]
    [InlineData("!Ref Cluster", "st-Cluster")]
    [InlineData("!GetAtt Cluster.Arn", "arn:aws:ecs:us-east-1:123456789012:cluster/st-Cluster")]
    [InlineData("!Ref Role", "runner")]
    [InlineData("!GetAtt Role.Arn", "arn:aws:iam::123456789012:role/runner")]
    [InlineData("!Ref Topic", "arn:aws:sns:us-east-1:123456789012:st-Topic")]
    [InlineData("!GetAtt Topic.TopicName", "st-Topic")]
    [InlineData("!Ref Logs", "/jobs/x")]
    [InlineData("!GetAtt Logs.Arn", "arn:aws:logs:us-east-1:123456789012:log-group:/jobs/x:*")]
    [InlineData("!Ref Queue", "https://sqs.us-east-1.amazonaws.com/123456789012/st-Queue")]
    [InlineData("!GetAtt Queue.Arn", "arn:aws:sqs:us-east-1:123456789012:st-Queue")]
    [InlineData("!GetAtt Rule.Arn", "arn:aws:events:us-east-1:123456789012:rule/st-Rule")]
    [InlineData("!GetAtt Fn.Arn", "arn:aws:lambda:us-east-1:123456789012:function:starter")]
    [InlineData("!Ref Retention", "90")]
    public void Ids_by_type(string expression, string expected)
    {
        var template = Load(Template.Replace("Outputs:\n", "  Probe:\n    Type: AWS::SSM::Parameter\n    Properties:\n      Value: " + expression + "\nOutputs:\n", StringComparison.Ordinal));

        Assert.Empty(template.Validate());
        Assert.Equal(expected, template.Resource("Probe")!.Properties["Value"]!.Text);
    }

    [Fact]
    public void Inline_definition_is_rendered_as_json()
    {
        var machine = Load(Template).StateMachines.Single();

        Assert.Equal("""{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}""", machine.Definition);
        Assert.Equal("STANDARD", machine.Type);
    }

    [Fact]
    public void Stand_alone_policies_are_attributed_to_their_role()
    {
        var statement = Load(Template).PolicyStatements.Single(s => s.PolicyName == "extra");

        Assert.Equal("Role", statement.RoleLogicalId);
        Assert.Equal("sqs:SendMessage", Assert.Single(statement.Actions));
        Assert.Equal("arn:aws:sqs:us-east-1:123456789012:st-Queue", Assert.Single(statement.Resources));
        Assert.Equal("Resources.Extra.Properties.PolicyDocument.Statement[0]", statement.Location);
    }

    [Fact]
    public void Outputs_are_resolved()
    {
        Assert.Equal("arn:aws:dynamodb:us-east-1:123456789012:table/st-runs", Load(Template).Outputs["Arn"]);
    }

    [Theory]
    [InlineData("0", "0 is below MinValue 1")]
    [InlineData("400", "400 is above MaxValue 365")]
    [InlineData("ninety", "'ninety' is not a number")]
    public void Number_parameters_are_checked(string value, string message)
    {
        var template = SamTemplate.Parse(Template, Path.Combine(Path.GetTempPath(), "none", "template.yaml"), new TemplateLoadOptions
        {
            StackName = "st",
            ParameterOverrides = System.Collections.Immutable.ImmutableDictionary<string, string>.Empty.Add("Retention", value),
        });

        Assert.Contains(template.Validate(), p => p.Location == "Parameters.Retention" && p.Message.Contains(message, StringComparison.Ordinal));
    }

    private static SamTemplate Load(string yaml) =>
        SamTemplate.Parse(yaml, Path.Combine(Path.GetTempPath(), "none", "template.yaml"), new TemplateLoadOptions { StackName = "st" });
}
