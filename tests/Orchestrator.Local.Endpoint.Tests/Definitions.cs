using Orchestrator.States.Integrations;

namespace Orchestrator.Local.Endpoint.Tests;

/// <summary>Small state machines for driving the endpoint; nothing here reaches AWS.</summary>
internal static class Definitions
{
    /// <summary>Pass then Choice: {"go":true} succeeds with {"greeting":"hello","go":true}; anything else fails.</summary>
    public const string PassChoice = """
        {
          "StartAt": "Greet",
          "States": {
            "Greet": { "Type": "Pass", "Result": "hello", "ResultPath": "$.greeting", "Next": "Route" },
            "Route": {
              "Type": "Choice",
              "Choices": [ { "Variable": "$.go", "BooleanEquals": true, "Next": "Done" } ],
              "Default": "Stop"
            },
            "Done": { "Type": "Succeed" },
            "Stop": { "Type": "Fail", "Error": "NotGoing", "Cause": "go was not true" }
          }
        }
        """;

    /// <summary>Waits five minutes on the real clock: stays RUNNING for the whole test.</summary>
    public const string LongWait = """
        { "StartAt": "Hold", "States": { "Hold": { "Type": "Wait", "Seconds": 300, "End": true } } }
        """;

    /// <summary>An ECS .sync Task answered by the mocks of <see cref="FailOnceMocks"/>.</summary>
    public const string EcsTask = """
        {
          "StartAt": "Prepare",
          "States": {
            "Prepare": { "Type": "Pass", "Result": { "cluster": "local" }, "ResultPath": "$.prepared", "Next": "RunJob" },
            "RunJob": {
              "Type": "Task",
              "Resource": "arn:aws:states:::ecs:runTask.sync",
              "Parameters": { "Cluster": "local", "TaskDefinition": "job" },
              "ResultSelector": { "exit.$": "$.Containers[0].ExitCode" },
              "ResultPath": "$.result",
              "End": true
            }
          }
        }
        """;

    /// <summary>RunJob fails its first invocation (no Retry, so the execution FAILS) and succeeds on the next (a redrive).</summary>
    public static MockedTaskResponses FailOnceMocks() => MockedTaskResponses.FromResponsesByState("""
        {
          "RunJob": {
            "0": { "Throw": { "Error": "ECS.AmazonECSException", "Cause": "capacity unavailable" } },
            "1": { "Return": { "Containers": [ { "ExitCode": 0 } ] } }
          }
        }
        """);
}
