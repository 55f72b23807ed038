using System.Text.Json.Nodes;

namespace Orchestrator.States.Intrinsics.Functions;

/// <summary>
/// <c>States.ArrayRange(first, last, step)</c>: first, first + step, ... up to and including last. The step must not
/// be zero and the result holds at most 1000 items; fractions are dropped from all three arguments first.
/// </summary>
internal sealed class ArrayRange : IIntrinsicFunction
{
    // "The newly generated array can't contain more than 1000 items." (AWS developer guide)
    private const int MaxItems = 1000;

    public string Name => "States.ArrayRange";

    public Arity Arity => Arity.Exactly(3);

    public JsonNode? Invoke(IntrinsicArguments arguments, IIntrinsicContext context)
    {
        long first = arguments.TruncatedInteger(0);
        long last = arguments.TruncatedInteger(1);
        long step = arguments.TruncatedInteger(2);
        if (step == 0)
        {
            throw arguments.Invalid();
        }

        // Counting from first toward last; a step pointing away from last gives an empty range.
        var count = Math.Sign(last - first) * Math.Sign(step) < 0 ? 0 : ((last - first) / step) + 1;
        if (count > MaxItems)
        {
            throw arguments.Invalid();
        }

        var range = new JsonArray();
        for (var i = 0L; i < count; i++)
        {
            range.Add((JsonNode)JsonValue.Create(first + (i * step)));
        }

        return range;
    }
}
