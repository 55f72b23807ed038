using System.Text.Json.Nodes;

namespace Orchestrator.States.Intrinsics.Functions;

/// <summary>
/// <c>States.MathRandom(start, end[, seed])</c>: a random integer with start ≤ n &lt; end (fractions dropped from
/// both bounds; start must be below end). The same seed always gives the same number.
/// </summary>
internal sealed class MathRandom : IIntrinsicFunction
{
    public string Name => "States.MathRandom";

    public Arity Arity => Arity.Between(2, 3);

    public JsonNode? Invoke(IntrinsicArguments arguments, IIntrinsicContext context)
    {
        var start = arguments.TruncatedInteger(0);
        var end = arguments.TruncatedInteger(1);
        if (start >= end)
        {
            throw arguments.Invalid();
        }

        var random = arguments.Count == 3 ? new Random(arguments.TruncatedInteger(2)) : context.Random;
        return JsonValue.Create(random.Next(start, end));
    }
}
