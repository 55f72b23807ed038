using System.Text.Json.Nodes;

namespace Orchestrator.States.Model;

/// <summary>Query language of a state (top-level default, overridable per state).</summary>
public enum QueryLanguage
{
    JsonPath,
    Jsonata,
}

/// <summary>Fields every state shares once loaded. Transitions are resolved names, validated at load time.</summary>
public abstract record StateDefinition
{
    public required string Name { get; init; }

    /// <summary>JSON pointer of the state in the definition, e.g. <c>/States/Foo</c>.</summary>
    public required string Pointer { get; init; }

    public QueryLanguage QueryLanguage { get; init; }

    public string? Comment { get; init; }

    public string? Next { get; init; }

    public bool End { get; init; }

    public PathField InputPath { get; init; } = PathField.Root;

    public PathField OutputPath { get; init; } = PathField.Root;

    public PayloadTemplate? Assign { get; init; }

    /// <summary>Arguments, Output, Assign and the other expression fields when the state's QueryLanguage is JSONata.</summary>
    public JsonataStateFields? Jsonata { get; init; }

    /// <summary>The state as written; a JSONata evaluator reads its expressions from here.</summary>
    public required JsonObject Source { get; init; }

    /// <summary>The "Type" as written in ASL.</summary>
    public abstract string Type { get; }
}

/// <summary>States that produce a result placed by ResultPath and may Retry/Catch.</summary>
public interface IResultState
{
    PayloadTemplate? Parameters { get; }

    PayloadTemplate? ResultSelector { get; }

    PathField ResultPath { get; }

    IReadOnlyList<Retrier> Retry { get; }

    IReadOnlyList<Catcher> Catch { get; }
}

public sealed record PassState : StateDefinition
{
    public override string Type => "Pass";

    public PayloadTemplate? Parameters { get; init; }

    public bool HasResult { get; init; }

    public JsonNode? Result { get; init; }

    public PathField ResultPath { get; init; } = PathField.Root;
}

/// <summary>A number given literally or through a path (TimeoutSeconds/TimeoutSecondsPath, MaxConcurrency/...Path).</summary>
public sealed record NumberField(double? Value, Paths.JsonPathExpression? Path)
{
    public static NumberField None { get; } = new(null, null);

    public bool IsSet => Value is not null || Path is not null;
}

public sealed record TaskState : StateDefinition, IResultState
{
    public override string Type => "Task";

    public required string Resource { get; init; }

    public PayloadTemplate? Parameters { get; init; }

    public PayloadTemplate? ResultSelector { get; init; }

    public PathField ResultPath { get; init; } = PathField.Root;

    public IReadOnlyList<Retrier> Retry { get; init; } = [];

    public IReadOnlyList<Catcher> Catch { get; init; } = [];

    public NumberField TimeoutSeconds { get; init; } = NumberField.None;

    public NumberField HeartbeatSeconds { get; init; } = NumberField.None;

    public JsonNode? Credentials { get; init; }
}

public sealed record ChoiceState : StateDefinition
{
    public override string Type => "Choice";

    public required IReadOnlyList<ChoiceBranch> Choices { get; init; }

    public string? Default { get; init; }
}

public sealed record WaitState : StateDefinition
{
    public override string Type => "Wait";

    public long? Seconds { get; init; }

    public Paths.JsonPathExpression? SecondsPath { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    public Paths.JsonPathExpression? TimestampPath { get; init; }
}

public sealed record SucceedState : StateDefinition
{
    public override string Type => "Succeed";
}

public sealed record FailState : StateDefinition
{
    public override string Type => "Fail";

    public string? Error { get; init; }

    public string? Cause { get; init; }

    /// <summary>A path or an intrinsic call (ErrorPath accepts both).</summary>
    public string? ErrorPath { get; init; }

    public string? CausePath { get; init; }
}

/// <summary>A nested state machine: a Parallel branch or a Map item processor.</summary>
public sealed record Workflow
{
    public required string StartAt { get; init; }

    public required IReadOnlyDictionary<string, StateDefinition> States { get; init; }

    public required string Pointer { get; init; }
}

public sealed record ParallelState : StateDefinition, IResultState
{
    public override string Type => "Parallel";

    public required IReadOnlyList<Workflow> Branches { get; init; }

    public PayloadTemplate? Parameters { get; init; }

    public PayloadTemplate? ResultSelector { get; init; }

    public PathField ResultPath { get; init; } = PathField.Root;

    public IReadOnlyList<Retrier> Retry { get; init; } = [];

    public IReadOnlyList<Catcher> Catch { get; init; } = [];
}

public enum MapMode
{
    Inline,
    Distributed,
}

public sealed record MapState : StateDefinition, IResultState
{
    public override string Type => "Map";

    public required Workflow Processor { get; init; }

    public MapMode Mode { get; init; }

    public PathField ItemsPath { get; init; } = PathField.Root;

    /// <summary>ItemSelector, or the legacy Parameters of a Map.</summary>
    public PayloadTemplate? ItemSelector { get; init; }

    PayloadTemplate? IResultState.Parameters => null;

    public PayloadTemplate? ResultSelector { get; init; }

    public PathField ResultPath { get; init; } = PathField.Root;

    public IReadOnlyList<Retrier> Retry { get; init; } = [];

    public IReadOnlyList<Catcher> Catch { get; init; } = [];

    public NumberField MaxConcurrency { get; init; } = NumberField.None;

    public NumberField ToleratedFailureCount { get; init; } = NumberField.None;

    public NumberField ToleratedFailurePercentage { get; init; } = NumberField.None;

    public string? Label { get; init; }
}

/// <summary>A loaded, validated state machine: immutable, safe to run many times concurrently.</summary>
public sealed record StateMachineDefinition
{
    public required Workflow Root { get; init; }

    public QueryLanguage QueryLanguage { get; init; }

    public string? Comment { get; init; }

    public int? TimeoutSeconds { get; init; }

    /// <summary>The definition text as given (DescribeStateMachine returns it unchanged).</summary>
    public required string Text { get; init; }
}
