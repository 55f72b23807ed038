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

    /// <summary>Appends an event chained to this frame's previous one, stamped with the time now.</summary>
    public long Record(History.HistoryEvent e)
    {
        e.PreviousEventId = PreviousEventId;
        e.Timestamp = Execution.Time.GetUtcNow();
        var id = Execution.History.Append(e);
        PreviousEventId = id;
        return id;
    }

    /// <summary>Appends an event with no details.</summary>
    public long Record(string type) => Record(new History.HistoryEvent { Type = type });
}

/// <summary>One entry into a state: what the context object's State block says, and the Map item being selected.</summary>
internal sealed class StateRun(StateDefinition state, Frame frame, long enteredEventId, DateTimeOffset enteredTime)
{
    private JsonObject? _context;
    private string? _enteredTimeText;

    public StateDefinition State { get; } = state;

    /// <summary>How this state's fields are evaluated: JSONPath or JSONata, by the state's QueryLanguage.</summary>
    public IDataFlow DataFlow { get; } = DataFlows.For(state.QueryLanguage);

    public Frame Frame { get; } = frame;

    public long EnteredEventId { get; } = enteredEventId;

    public DateTimeOffset EnteredTime { get; } = enteredTime;

    public int RetryCount { get; set; }

    /// <summary>The UTF-8 JSON size of the state's input when the runner knows it (it measured the previous output), else -1.</summary>
    public long InputSize { get; init; } = -1;

    /// <summary>The size of the output the data flow just made, when it could tell from <see cref="InputSize"/> cheaply, else -1.</summary>
    public long OutputSize { get; set; } = -1;

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

    /// <summary>
    /// The value of a <c>$$.Execution.X</c>, <c>$$.State.X</c>, <c>$$.StateMachine.X</c> or <c>$$.Map.Item.X</c> path without building the
    /// context object; false for any other path (the caller falls back to <see cref="Context"/>).
    /// </summary>
    public bool TryContextLeaf(IReadOnlyList<Paths.PathSegment> segments, out JsonNode? value)
    {
        value = null;
        if (segments.Count == 3 && MapItem is { } item && segments[0] is Paths.PropertySegment { Name: "Map" }
            && segments[1] is Paths.PropertySegment { Name: "Item" } && segments[2] is Paths.PropertySegment leaf)
        {
            // $$.Map.Item.Value / .Index in an ItemSelector: read once per item, and $$ would copy the execution input.
            value = leaf.Name switch { "Value" => item.Value, "Index" => item.Index, _ => null };
            return leaf.Name is "Value" or "Index";
        }

        if (segments.Count != 2 || segments[0] is not Paths.PropertySegment block || segments[1] is not Paths.PropertySegment field)
        {
            return false;
        }

        var identity = Frame.Execution.Identity;
        value = (block.Name, field.Name) switch
        {
            ("Execution", "Id") => identity.ExecutionArn,
            ("Execution", "Name") => identity.Name,
            ("Execution", "StartTime") => Frame.Execution.StartTimeText,
            ("Execution", "RoleArn") => identity.RoleArn,
            ("Execution", "RedriveCount") => identity.RedriveCount,
            ("Execution", "Input") => identity.Input,
            ("State", "EnteredTime") => _enteredTimeText ??= Timestamps.Format(EnteredTime),
            ("State", "Name") => State.Name,
            ("State", "RetryCount") => RetryCount,
            ("StateMachine", "Id") => identity.StateMachineArn,
            ("StateMachine", "Name") => identity.StateMachineName,
            _ => null,
        };
        return value is not null || (block.Name, field.Name) is ("Execution", "Input");
    }

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
                ["StartTime"] = Frame.Execution.StartTimeText,
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
                    ["EnteredTime"] = _enteredTimeText ??= Timestamps.Format(EnteredTime),
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
