using System.Text.Json.Nodes;
using Orchestrator.States.Errors;
using Orchestrator.States.Intrinsics;

namespace Orchestrator.States.Tests.Intrinsics;

/// <summary>Shorthands for evaluating an expression over a JSON input and checking how it fails.</summary>
internal static class Intrinsic
{
    public static JsonNode? Evaluate(string expression, string inputJson = "{}") =>
        IntrinsicFunctions.Evaluate(expression, InputContext.Of(inputJson));

    public static void AssertResult(string expectedJson, string expression, string inputJson = "{}") =>
        JsonEquivalence.AssertEquivalent(expectedJson, Evaluate(expression, inputJson));

    public static StatesException Failure(string expression, string inputJson = "{}") =>
        Assert.Throws<StatesException>(() => Evaluate(expression, inputJson));

    /// <summary>AWS reports every bad argument as States.Runtime "Invalid arguments in States.X".</summary>
    public static void AssertInvalidArguments(string expression, string inputJson = "{}")
    {
        var function = expression[..expression.IndexOf('(', StringComparison.Ordinal)];
        var failure = Failure(expression, inputJson);
        Assert.Equal("States.Runtime", failure.Error);
        Assert.Equal("Invalid arguments in " + function, failure.Cause);
    }
}
