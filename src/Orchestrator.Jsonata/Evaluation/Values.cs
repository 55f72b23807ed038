namespace Orchestrator.Jsonata.Evaluation;

// Internal value model: C# null is "undefined"; JNull.Value is JSON null; numbers are boxed doubles;
// strings, boxed bools, JArray (arrays and sequences), JObject (ordered objects) and FunctionValue.

/// <summary>JSON null (distinct from undefined, which is C# null).</summary>
internal sealed class JNull
{
    public static readonly JNull Value = new();

    private JNull()
    {
    }

    public override string ToString() => "null";
}

/// <summary>
/// A JSONata array. A <see cref="IsSequence"/> array is a result sequence produced by path evaluation; it
/// unwraps to its single member or to undefined when empty, unless <see cref="KeepSingleton"/> is set.
/// </summary>
internal sealed class JArray : List<object?>
{
    public JArray()
    {
    }

    public JArray(int capacity)
        : base(capacity)
    {
    }

    public JArray(IEnumerable<object?> items)
        : base(items)
    {
    }

    public bool IsSequence { get; set; }

    public bool KeepSingleton { get; set; }

    /// <summary>Built by an array constructor in a path step: not flattened by the step.</summary>
    public bool Cons { get; set; }

    /// <summary>The top-level input array wrapped so that paths treat it as one context item.</summary>
    public bool OuterWrapper { get; set; }

    /// <summary>Members are <see cref="TupleBinding"/> values (focus/index/ancestor binding).</summary>
    public bool TupleStream { get; set; }

    public static JArray Sequence() => new() { IsSequence = true };

    public JArray AsSequence()
    {
        IsSequence = true;
        return this;
    }

    public static JArray Sequence(object? item)
    {
        // like the reference's createSequence(x): an undefined x is still one (undefined) member
        return new JArray { item }.AsSequence();
    }
}

/// <summary>A JSON object; keeps insertion order like JavaScript objects with string keys.</summary>
internal sealed class JObject : OrderedDictionary<string, object?>
{
    public JObject()
        : base(StringComparer.Ordinal)
    {
    }

    public JObject(int capacity)
        : base(capacity, StringComparer.Ordinal)
    {
    }
}

/// <summary>One item of a tuple stream: the context item under "@" plus the variables bound along the path.</summary>
internal sealed class TupleBinding : Dictionary<string, object?>
{
    public TupleBinding()
        : base(StringComparer.Ordinal)
    {
    }

    public object? Context
    {
        get => TryGetValue("@", out var v) ? v : null;
        set => this["@"] = value;
    }

    public TupleBinding CloneBinding()
    {
        var copy = new TupleBinding();
        foreach (var pair in this)
        {
            copy[pair.Key] = pair.Value;
        }

        return copy;
    }
}

internal static class Boxes
{
    public static readonly object True = true;
    public static readonly object False = false;

    public static object Bool(bool value) => value ? True : False;
}
