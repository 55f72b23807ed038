namespace Orchestrator.Jsonata.Parsing;

/// <summary>The raw parse tree the Pratt parser builds; <see cref="Compiler"/> turns it into evaluation nodes.</summary>
internal sealed class Syntax(string kind, int position)
{
    public string Kind { get; } = kind;

    public int Position { get; } = position;

    public string? Value { get; init; }

    public double Number { get; init; }

    public string? RegexFlags { get; init; }

    public Syntax? Lhs { get; set; }

    public Syntax? Rhs { get; set; }

    public List<Syntax> Items { get; } = [];

    public List<(Syntax Key, Syntax Value)> Pairs { get; } = [];

    public List<(bool Descending, Syntax Expression)> Terms { get; } = [];

    public Syntax? Condition { get; set; }

    public Syntax? Then { get; set; }

    public Syntax? Else { get; set; }

    public Syntax? Procedure { get; set; }

    public Syntax? Body { get; set; }

    public string? Signature { get; set; }

    public Syntax? Pattern { get; set; }

    public Syntax? Update { get; set; }

    public Syntax? Delete { get; set; }

    public bool KeepArray { get; set; }
}
