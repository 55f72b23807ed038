using System.Text.Json.Nodes;

namespace Orchestrator.States.Intrinsics.Functions;

/// <summary>
/// <c>States.ArrayPartition(array, chunkSize)</c>: consecutive chunks of <c>chunkSize</c> items, the last one
/// shorter. The chunk size must be a positive integer; a fraction is dropped first (2.6 → 2, 0.6 → 0 fails).
/// </summary>
internal sealed class ArrayPartition : IIntrinsicFunction
{
    public string Name => "States.ArrayPartition";

    public Arity Arity => Arity.Exactly(2);

    public JsonNode? Invoke(IntrinsicArguments arguments, IIntrinsicContext context)
    {
        var items = arguments.Array(0);
        var chunkSize = arguments.TruncatedInteger(1);
        if (chunkSize <= 0)
        {
            throw arguments.Invalid();
        }

        var chunks = new JsonArray();
        for (var start = 0; start < items.Count; start += chunkSize)
        {
            var chunk = new JsonArray();
            for (var i = start; i < Math.Min(start + chunkSize, items.Count); i++)
            {
                chunk.Add(items[i]?.DeepClone());
            }

            chunks.Add((JsonNode)chunk);
        }

        return chunks;
    }
}
