namespace Orchestrator.States.Paths;

/// <summary>One step of a parsed JSONPath.</summary>
public abstract record PathSegment
{
    /// <summary>True when the step selects at most one node, so the whole path can be "definite" (Jayway's term).</summary>
    public abstract bool IsSingular { get; }
}

public sealed record PropertySegment(string Name) : PathSegment
{
    public override bool IsSingular => true;
}

public sealed record IndexSegment(int Index) : PathSegment
{
    public override bool IsSingular => true;
}

public sealed record WildcardSegment : PathSegment
{
    public override bool IsSingular => false;
}

public sealed record UnionSegment(IReadOnlyList<string> Names, IReadOnlyList<int> Indexes) : PathSegment
{
    public override bool IsSingular => false;
}

public sealed record SliceSegment(int? Start, int? End, int Step) : PathSegment
{
    public override bool IsSingular => false;
}

/// <summary><c>..name</c> or <c>..*</c> (Name null).</summary>
public sealed record DeepScanSegment(string? Name) : PathSegment
{
    public override bool IsSingular => false;
}

public sealed record FilterSegment(FilterExpression Filter) : PathSegment
{
    public override bool IsSingular => false;
}
