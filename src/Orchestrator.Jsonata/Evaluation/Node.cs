using System.Globalization;
using System.Runtime.CompilerServices;

namespace Orchestrator.Jsonata.Evaluation;

/// <summary>A filter or index-binding stage attached to a path step.</summary>
internal sealed record Stage(Node? Filter, string? IndexVariable, int Position);

/// <summary>
/// Where a parent operator (%) finds its value: the step <see cref="Level"/> steps back binds the context it
/// navigated from under <see cref="Label"/>. Level and label are settled while compiling, never during evaluation.
/// </summary>
internal sealed class AncestorSlot(string label, int level, int index)
{
    public string Label { get; set; } = label;

    public int Level { get; set; } = level;

    public int Index { get; } = index;
}

/// <summary>A grouping clause <c>expr{key: value, ...}</c>.</summary>
internal sealed record GroupClause(IReadOnlyList<(Node Key, Node Value)> Pairs, int Position);

/// <summary>
/// A prepared expression node. Its shape is fixed by the compiler and never changes during evaluation,
/// so one tree can be evaluated concurrently; per-evaluation state lives in <see cref="EvalContext"/> and <see cref="Frame"/>.
/// </summary>
internal abstract class Node(int position)
{
    public int Position { get; } = position;

    /// <summary>Predicates applied to the whole value of this node (when it is not a path step).</summary>
    public List<Node>? Predicates { get; set; }

    /// <summary>Stages applied per context item when this node is a path step.</summary>
    public List<Stage>? Stages { get; set; }

    public GroupClause? Group { get; set; }

    public bool KeepArray { get; set; }

    public bool ConsArray { get; set; }

    /// <summary>Focus variable (<c>step@$v</c>).</summary>
    public string? Focus { get; set; }

    /// <summary>Index variable (<c>step#$i</c>) when the step has no stages.</summary>
    public string? IndexVariable { get; set; }

    /// <summary>Parent slots this node still needs resolved by an enclosing path (compile time only).</summary>
    public List<AncestorSlot>? SeekingParent { get; set; }

    /// <summary>The parent slot this step binds its context item to.</summary>
    public AncestorSlot? Ancestor { get; set; }

    /// <summary>The step binds variables, so its path is evaluated as a tuple stream.</summary>
    public bool Tuple { get; set; }

    public object? Evaluate(object? input, Frame env, EvalContext ctx)
    {
        ctx.Enter(Position);
        try
        {
            var result = EvaluateCore(input, env, ctx);
            if (Predicates is not null)
            {
                foreach (var predicate in Predicates)
                {
                    result = Sequences.Filter(predicate, result, env, ctx);
                }
            }

            if (Group is not null && this is not PathNode)
            {
                result = Sequences.GroupBy(Group, result, env, ctx);
            }

            return Sequences.Finish(result, KeepArray);
        }
        finally
        {
            ctx.Leave();
        }
    }

    protected abstract object? EvaluateCore(object? input, Frame env, EvalContext ctx);
}

/// <summary>Per-evaluation state: limits, clock, random source and the root input.</summary>
internal sealed class EvalContext
{
    private readonly long _deadline;
    private readonly long _maxSteps;
    private readonly TimeSpan? _timeout;
    private long _steps;
    private int _depth;

    public EvalContext(JsonataBindings? bindings)
    {
        TimeProvider = bindings?.TimeProvider ?? TimeProvider.System;
        Random = bindings?.Random ?? Random.Shared;
        MaxDepth = bindings?.MaxDepth ?? 10_000;
        _maxSteps = bindings?.MaxSteps ?? long.MaxValue;
        _timeout = bindings?.Timeout;
        Now = TimeProvider.GetUtcNow();
        _deadline = _timeout is { } t ? TimeProvider.GetTimestamp() + (long)(t.TotalSeconds * TimeProvider.TimestampFrequency) : long.MaxValue;
        Bindings = bindings;
    }

    public TimeProvider TimeProvider { get; }

    public Random Random { get; }

    public int MaxDepth { get; }

    /// <summary>The instant of the evaluation; $now() and $millis() return it for every call within one evaluation.</summary>
    public DateTimeOffset Now { get; }

    public JsonataBindings? Bindings { get; }

    public void Enter(int position)
    {
        _depth++;
        if (_depth > MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Errors.Create("D1011", position);
        }

        if (++_steps > _maxSteps)
        {
            throw new JsonataException(
                "D1012",
                position,
                string.Create(CultureInfo.InvariantCulture, $"Evaluation stopped after {_maxSteps} steps. Check for infinite loop"));
        }

        if (_deadline != long.MaxValue && (_steps & 0xFF) == 0 && TimeProvider.GetTimestamp() > _deadline)
        {
            throw Errors.Create("D1012", position, value: _timeout!.Value.TotalMilliseconds);
        }
    }

    public void Leave() => _depth--;
}

/// <summary>A scope of variable bindings; lookups fall back to enclosing scopes, then to the function library.</summary>
internal sealed class Frame
{
    private readonly Frame? _parent;
    private readonly Func<string, (bool Found, object? Value)>? _fallback;
    private Dictionary<string, object?>? _vars;

    public Frame(Frame? parent)
    {
        _parent = parent;
    }

    public Frame(Func<string, (bool Found, object? Value)> fallback)
    {
        _fallback = fallback;
    }

    public void Bind(string name, object? value)
    {
        _vars ??= new Dictionary<string, object?>(StringComparer.Ordinal);
        _vars[name] = value;
    }

    public bool TryLookup(string name, out object? value)
    {
        for (var frame = this; frame is not null; frame = frame._parent)
        {
            if (frame._vars is not null && frame._vars.TryGetValue(name, out value))
            {
                return true;
            }

            if (frame._fallback is not null)
            {
                var (found, v) = frame._fallback(name);
                value = v;
                return found;
            }
        }

        value = null;
        return false;
    }

    public object? Lookup(string name) => TryLookup(name, out var v) ? v : null;

    public static Frame FromTuple(Frame env, TupleBinding tuple)
    {
        var frame = new Frame(env);
        foreach (var pair in tuple)
        {
            frame.Bind(pair.Key, pair.Value);
        }

        return frame;
    }
}
