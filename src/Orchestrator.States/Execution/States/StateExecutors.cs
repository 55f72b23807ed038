using System.Text.Json.Nodes;
using Orchestrator.States.Model;

namespace Orchestrator.States.Execution.States;

/// <summary>Runs one entry into a state of one type (Retry/Catch and history entry/exit are the runner's job).</summary>
internal interface IStateExecutor
{
    ValueTask<StepResult> ExecuteAsync(StateRun run, JsonNode? input);
}

/// <summary>The executor for each state type.</summary>
internal static class StateExecutors
{
    private static readonly PassExecutor Pass = new();
    private static readonly TaskExecutor Task = new();
    private static readonly ChoiceExecutor Choice = new();
    private static readonly WaitExecutor Wait = new();
    private static readonly SucceedExecutor Succeed = new();
    private static readonly FailExecutor Fail = new();
    private static readonly ParallelExecutor Parallel = new();
    private static readonly MapExecutor Map = new();

    public static IStateExecutor For(StateDefinition state) => state switch
    {
        PassState => Pass,
        TaskState => Task,
        ChoiceState => Choice,
        WaitState => Wait,
        SucceedState => Succeed,
        FailState => Fail,
        ParallelState => Parallel,
        MapState => Map,
        _ => throw new InvalidOperationException("No executor for state type " + state.Type),
    };

    /// <summary>Where a state goes after succeeding: its Next, or null when it ends its workflow.</summary>
    public static string? NextOf(StateDefinition state) => state.End ? null : state.Next;
}
