using System.Text.Json.Nodes;
using Orchestrator.States.Model;

namespace Orchestrator.States.Execution;

/// <summary>
/// One branch of work inside an execution: the top level, a Parallel branch or a Map iteration.
/// Owns its variable scope and the id of its latest history event (so PreviousEventId chains per branch).
/// </summary>
internal sealed class Frame(ExecutionRun execution, VariableScope variables, long previousEventId, CancellationToken cancellation)
{
    /// <summary>True for the top-level workflow, whose position is kept so a redrive can resume there.</summary>
    public bool IsRoot { get; init; }

    public ExecutionRun Execution { get; } = execution;

    public VariableScope Variables { get; } = variables;

    public CancellationToken Cancellation { get; } = cancellation;

    public long PreviousEventId { get; set; } = previousEventId;

    public Frame Child(CancellationToken cancellation) => new(Execution, new VariableScope(Variables), PreviousEventId, cancellation);

    /// <summary>Appends an event chained to this frame's previous one.</summary>
    public long Record(string type, Func<History.HistoryEvent, History.HistoryEvent> details)
    {
        var previous = PreviousEventId;
        var time = Execution.Time.GetUtcNow();
        var id = Execution.History.Append(id => details(new History.HistoryEvent { Id = id, PreviousEventId = previous, Timestamp = time, Type = type }));
        PreviousEventId = id;
        return id;
    }
}

/// <summary>One entry into a state: what the context object's State block says, and the Map item being selected.</summary>
internal sealed class StateRun(StateDefinition state, Frame frame, long enteredEventId, DateTimeOffset enteredTime)
{
    private JsonObject? _context;

    public StateDefinition State { get; } = state;

    /// <summary>How this state's fields are evaluated: JSONPath or JSONata, by the state's QueryLanguage.</summary>
    public IDataFlow DataFlow { get; } = DataFlows.For(state.QueryLanguage);

    public Frame Frame { get; } = frame;

    public long EnteredEventId { get; } = enteredEventId;

    public DateTimeOffset EnteredTime { get; } = enteredTime;

    public int RetryCount { get; set; }

    /// <summary>True for the top-level state a redrive resumes at, on its first attempt: completed children are reused.</summary>
    public bool ResumingRedrive { get; set; }

    /// <summary>Runs child <paramref name="index"/> of a Map/Parallel, or reuses its output when a redrive resumes this state.</summary>
    public async Task<WorkflowResult> RunChildAsync(int index, Func<Task<WorkflowResult>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var completed = Frame.Execution.CompletedChildren;
        if (Frame.IsRoot && ResumingRedrive && completed.TryGetValue(index, out var kept))
        {
            return new WorkflowSucceeded(kept?.DeepClone());
        }

        var result = await run();
        if (Frame.IsRoot && result is WorkflowSucceeded ok)
        {
            completed[index] = ok.Output?.DeepClone();
        }

        return result;
    }

    public (int Index, JsonNode? Value)? MapItem { get; set; }

    public string? TaskToken { get; set; }

    /// <summary>"An error occurred while executing the state 'X' (entered at the event id #N). " — AWS's prefix for runtime causes.</summary>
    public string CausePrefix => $"An error occurred while executing the state '{State.Name}' (entered at the event id #{EnteredEventId}). ";

    public void Invalidate() => _context = null;

    /// <summary>The context object ($$) as of now; rebuilt when the retry count or Map item changes.</summary>
    // The context object's keys are AWS's names; that some equal property names here is a coincidence, not a nameof.
#pragma warning disable CA1507
    public JsonObject Context
    {
        get
        {
            if (_context is not null)
            {
                return _context;
            }

            var identity = Frame.Execution.Identity;
            var execution = new JsonObject
            {
                ["Id"] = identity.ExecutionArn,
                ["Input"] = identity.Input?.DeepClone(),
                ["StartTime"] = Timestamps.Format(identity.StartTime),
                ["Name"] = identity.Name,
                ["RoleArn"] = identity.RoleArn,
                ["RedriveCount"] = identity.RedriveCount,
            };
            if (identity.RedriveTime is { } redriveTime)
            {
                execution["RedriveTime"] = Timestamps.Format(redriveTime);
            }

            var context = new JsonObject
            {
                ["Execution"] = execution,
                ["State"] = new JsonObject
                {
                    ["EnteredTime"] = Timestamps.Format(EnteredTime),
                    ["Name"] = State.Name,
                    ["RetryCount"] = RetryCount,
                },
                ["StateMachine"] = new JsonObject
                {
                    ["Id"] = identity.StateMachineArn,
                    ["Name"] = identity.StateMachineName,
                },
            };
            if (TaskToken is not null)
            {
                context["Task"] = new JsonObject { ["Token"] = TaskToken };
            }

            if (MapItem is { } item)
            {
                context["Map"] = new JsonObject { ["Item"] = new JsonObject { ["Index"] = item.Index, ["Value"] = item.Value?.DeepClone() } };
            }

            _context = context;
            return context;
        }
    }
#pragma warning restore CA1507
}
