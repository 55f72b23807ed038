using System.Globalization;

namespace Orchestrator.States.Intrinsics;

/// <summary>How many arguments an intrinsic accepts (inclusive bounds; <see cref="int.MaxValue"/> means no upper bound).</summary>
internal readonly record struct Arity(int Min, int Max)
{
    public static Arity None => new(0, 0);

    public static Arity Exactly(int count) => new(count, count);

    public static Arity AtLeast(int count) => new(count, int.MaxValue);

    public static Arity Between(int min, int max) => new(min, max);

    public bool Accepts(int count) => count >= Min && count <= Max;

    /// <summary>The load-time problem for a call with <paramref name="count"/> arguments, e.g. "expected 2 arguments, got 1".</summary>
    public string Describe(int count)
    {
        var expected = Max == int.MaxValue ? "at least " + Plural(Min)
            : Max == 0 ? "no arguments"
            : Min == Max ? Plural(Min)
            : string.Create(CultureInfo.InvariantCulture, $"{Min} to {Max} arguments");
        return string.Create(CultureInfo.InvariantCulture, $"expected {expected}, got {count}");
    }

    private static string Plural(int count) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} argument{(count == 1 ? "" : "s")}");
}
