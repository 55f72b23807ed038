namespace Orchestrator.Templates.Tests;

/// <summary>What the SAM transform adds: Globals inheritance and the resources it generates.</summary>
public sealed class SamTransformTests
{
    private const string Template = """
        Transform: AWS::Serverless-2016-10-31
        Globals:
          Function:
            Timeout: 30
            Layers: [global-layer]
            Environment:
              Variables:
                SHARED: from-globals
                LEVEL: global
        Resources:
          Worker:
            Type: AWS::Serverless::Function
            Properties:
              Handler: bootstrap
              Timeout: 10
              Layers: [own-layer]
              Environment:
                Variables:
                  LEVEL: own
              Events:
                Tick:
                  Type: ScheduleV2
                  Properties:
                    ScheduleExpression: rate(5 minutes)
          Probe:
            Type: AWS::SSM::Parameter
            Properties:
              Value: !Sub "${WorkerRole.Arn}|${WorkerTick.Arn}|${WorkerTickRole}"
        """;

    private static readonly string[] MergedLayers = ["global-layer", "own-layer"];

    private static SamTemplate Load() => SamTemplate.Parse(Template, Path.Combine(Path.GetTempPath(), "none", "template.yaml"), new TemplateLoadOptions { StackName = "s" });

    [Fact]
    public void Functions_inherit_globals_with_sam_merge_rules()
    {
        var worker = Load().Functions.Single();

        Assert.Equal(10, worker.TimeoutSeconds);
        Assert.Equal("from-globals", worker.Environment["SHARED"]);
        Assert.Equal("own", worker.Environment["LEVEL"]);
        Assert.Equal(
            MergedLayers,
            Load().Resource("Worker")!.Properties["Layers"]!.Items.Select(i => i.Text).ToArray());
    }

    [Fact]
    public void Generated_role_and_schedule_can_be_referenced()
    {
        var template = Load();

        Assert.DoesNotContain(template.Validate(), p => p.Location.StartsWith("Resources.Probe", StringComparison.Ordinal));
        Assert.Equal(
            "arn:aws:iam::123456789012:role/s-WorkerRole|arn:aws:scheduler:us-east-1:123456789012:schedule/default/WorkerTick|s-WorkerTickRole",
            template.Resource("Probe")!.Properties["Value"]!.Text);
        Assert.Null(template.Resource("WorkerRole"));
    }
}
