namespace Orchestrator.Templates.Tests;

/// <summary>Intrinsic functions resolve as CloudFormation documents them, in short and long form.</summary>
public sealed class IntrinsicFunctionTests
{
    private const string Template = """
        Parameters:
          Name: { Type: String, Default: n }
          Env: { Type: String, Default: dev }
          Subnets: { Type: CommaDelimitedList, Default: "s1,s2" }
        Mappings:
          Sizes:
            small: { cpu: "256" }
        Conditions:
          IsDev: !Equals [!Ref Env, dev]
          IsProd: !Not [!Condition IsDev]
          Both: !And [!Condition IsDev, !Equals [a, a]]
          Either: { "Fn::Or": [!Condition IsProd, { Condition: IsDev }] }
        Resources:
          Table:
            Type: AWS::DynamoDB::Table
            Properties: { TableName: runs }
          Probe:
            Type: AWS::SSM::Parameter
            Properties:
              Value: VALUE
        """;

    [Theory]
    [InlineData("""!Sub "${AWS::Region}|${AWS::AccountId}|${AWS::StackName}|${AWS::Partition}|${AWS::URLSuffix}" """, "us-east-1|123456789012|test|aws|amazonaws.com")]
    [InlineData("""!Sub "${!Literal}-${Name}" """, "${Literal}-n")]
    [InlineData("""!Sub ["${A}-${B}", { A: x, B: !Ref Name }]""", "x-n")]
    [InlineData("""!Sub "${Table.Arn}/index/x" """, "arn:aws:dynamodb:us-east-1:123456789012:table/runs/index/x")]
    [InlineData("""!Sub "${Table}" """, "runs")]
    [InlineData("""!Join ["-", [a, b, c]]""", "a-b-c")]
    [InlineData("""!Join [",", !Ref Subnets]""", "s1,s2")]
    [InlineData("""{ "Fn::Join": ["", [x, { Ref: Name }]] }""", "xn")]
    [InlineData("""!Select [1, !Split [",", "a,b,c"]]""", "b")]
    [InlineData("""!Select [1, !Ref Subnets]""", "s2")]
    [InlineData("""!FindInMap [Sizes, small, cpu]""", "256")]
    [InlineData("""!FindInMap [Sizes, large, cpu, { DefaultValue: "1024" }]""", "1024")]
    [InlineData("""!If [IsProd, big, small]""", "small")]
    [InlineData("""{ "Fn::If": [IsDev, big, small] }""", "big")]
    [InlineData("""!If [Both, yes, no]""", "yes")]
    [InlineData("""!If [Either, yes, no]""", "yes")]
    [InlineData("""!Base64 hello""", "aGVsbG8=")]
    [InlineData("""{ "Fn::Base64": !Sub "${Name}" }""", "bg==")]
    [InlineData("""!Select [0, !GetAZs ""]""", "us-east-1a")]
    [InlineData("""!GetAtt [Table, Arn]""", "arn:aws:dynamodb:us-east-1:123456789012:table/runs")]
    [InlineData("""!GetAtt Table.StreamArn""", "arn:aws:dynamodb:us-east-1:123456789012:table/runs/stream/1970-01-01T00:00:00.000")]
    [InlineData("""!Ref Table""", "runs")]
    [InlineData("""!Equals [!Ref Env, prod]""", "false")]
    public void Resolves(string expression, string expected)
    {
        var template = Parse(expression);

        Assert.Empty(template.Validate());
        Assert.Equal(expected, template.Resource("Probe")!.Properties["Value"]!.Text);
    }

    [Fact]
    public void No_value_removes_the_property()
    {
        var template = Parse("!If [IsProd, x, !Ref AWS::NoValue]");

        Assert.Empty(template.Validate());
        Assert.Null(template.Resource("Probe")!.Properties["Value"]);
    }

    [Fact]
    public void Pseudo_parameters_follow_the_options()
    {
        var template = SamTemplate.Parse(
            Template.Replace("VALUE", """!Sub "${AWS::Region}:${AWS::AccountId}:${AWS::StackName}" """, StringComparison.Ordinal),
            Path.Combine(Path.GetTempPath(), "none", "template.yaml"),
            new TemplateLoadOptions { Region = "eu-west-1", AccountId = "000000000000", StackName = "other" });

        Assert.Equal("eu-west-1:000000000000:other", template.Resource("Probe")!.Properties["Value"]!.Text);
        Assert.Equal("runs", template.Tables.Single().TableName);
        Assert.Equal("arn:aws:dynamodb:eu-west-1:000000000000:table/runs", template.Tables.Single().Arn);
    }

    [Fact]
    public void Sub_of_a_list_parameter_is_reported()
    {
        var template = Parse("""!Sub "${Subnets}" """);

        Assert.Contains(template.Validate(), p => p.Location == "Resources.Probe.Properties.Value" && p.Message.Contains("is a list, not a string", StringComparison.Ordinal));
    }

    [Fact]
    public void Select_out_of_range_is_reported()
    {
        var template = Parse("""!Select [5, [a, b]]""");

        Assert.Contains(template.Validate(), p => p.Location == "Resources.Probe.Properties.Value" && p.Message.Contains("index 5 is outside the list (2 items)", StringComparison.Ordinal));
    }

    [Fact]
    public void Unsupported_function_is_reported_not_thrown()
    {
        var template = Parse("""!Cidr ["10.0.0.0/16", 4, 8]""");

        Assert.Contains(template.Validate(), p => p.Location == "Resources.Probe.Properties.Value" && p.Message.Contains("Fn::Cidr is not supported", StringComparison.Ordinal));
    }

    [Fact]
    public void Condition_cycles_are_reported()
    {
        var yaml = Template.Replace("IsDev: !Equals [!Ref Env, dev]", "IsDev: !Not [!Condition IsProd]", StringComparison.Ordinal)
            .Replace("VALUE", "x", StringComparison.Ordinal);

        var template = SamTemplate.Parse(yaml, Path.Combine(Path.GetTempPath(), "none", "template.yaml"), new TemplateLoadOptions { StackName = "test" });

        Assert.Contains(template.Validate(), p => p.Message.Contains("refers to itself", StringComparison.Ordinal));
    }

    private static SamTemplate Parse(string expression) => SamTemplate.Parse(
        Template.Replace("VALUE", expression.Trim(), StringComparison.Ordinal),
        Path.Combine(Path.GetTempPath(), "none", "template.yaml"),
        new TemplateLoadOptions { StackName = "test" });
}
