namespace Orchestrator.Templates.Tests;

public sealed class ParameterOverrideTests
{
    [Fact]
    public void Reads_sam_cli_pairs_with_quotes_and_lists()
    {
        var overrides = TemplateLoadOptions.ParseParameterOverrides("SubnetIds=subnet-1,subnet-2 NotificationEmail=\"ops team@example.com\" AssignPublicIp='DISABLED'", out var problems);

        Assert.Empty(problems);
        Assert.Equal("subnet-1,subnet-2", overrides["SubnetIds"]);
        Assert.Equal("ops team@example.com", overrides["NotificationEmail"]);
        Assert.Equal("DISABLED", overrides["AssignPublicIp"]);
    }

    [Fact]
    public void Reads_the_cloudformation_form()
    {
        var overrides = TemplateLoadOptions.ParseParameterOverrides("ParameterKey=RetentionDays,ParameterValue=30", out var problems);

        Assert.Empty(problems);
        Assert.Equal("30", Assert.Single(overrides).Value);
        Assert.Equal("RetentionDays", Assert.Single(overrides).Key);
    }

    [Fact]
    public void Reports_tokens_that_are_not_pairs()
    {
        TemplateLoadOptions.ParseParameterOverrides("SubnetIds", out var problems);

        Assert.Contains("'SubnetIds' is not Name=Value", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Ssm_parameters_are_warned_about_in_local_mode()
    {
        var yaml = "Parameters:\n  Image:\n    Type: AWS::SSM::Parameter::Value<String>\n    Default: /jobs/image\nResources:\n  P:\n    Type: AWS::SSM::Parameter\n    Properties: { Value: !Ref Image }\n";

        var template = SamTemplate.Parse(yaml, Path.Combine(Path.GetTempPath(), "none", "template.yaml"), new TemplateLoadOptions { StackName = "s" });

        Assert.Empty(template.Validate());
        Assert.Contains("comes from SSM parameter /jobs/image", Assert.Single(template.Warnings).Message, StringComparison.Ordinal);
    }
}
