using System.Globalization;

namespace Orchestrator.Jsonata;

/// <summary>
/// A JSONata static (S0xxx), type (T0xxx) or dynamic (D0xxx) error, carrying the reference error code,
/// the character position in the expression and a message worded like the reference implementation.
/// </summary>
public sealed class JsonataException : Exception
{
    public JsonataException(string code, int position, string message)
        : base(message)
    {
        Code = code;
        Position = position;
    }

    /// <summary>The JSONata error code, e.g. "T2001".</summary>
    public string Code { get; }

    /// <summary>Character offset in the expression the error relates to (-1 when unknown).</summary>
    public int Position { get; }

    /// <summary>The token the error relates to, when there is one.</summary>
    public string? Token { get; init; }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Code} at {Position}: {Message}");
}
