using System.Text.Json.Nodes;
using Orchestrator.States.Intrinsics.Values;

namespace Orchestrator.States.Intrinsics.Functions;

/// <summary>
/// <c>States.MathAdd(a, b)</c>: the sum of two int32 numbers. Each operand is rounded half up first (1.49 + 1.5 = 3,
/// -1.5 + 0 = -1: corpus math_add cases); an operand or a sum outside the int32 range fails.
/// </summary>
internal sealed class MathAdd : IIntrinsicFunction
{
    public string Name => "States.MathAdd";

    public Arity Arity => Arity.Exactly(2);

    public JsonNode? Invoke(IntrinsicArguments arguments, IIntrinsicContext context)
    {
        long sum = Operand(arguments, 0) + (long)Operand(arguments, 1);
        return sum is >= int.MinValue and <= int.MaxValue ? JsonValue.Create((int)sum) : throw arguments.Invalid();
    }

    private static int Operand(IntrinsicArguments arguments, int index) =>
        IntrinsicNumber.TryToInt32(IntrinsicNumber.RoundHalfUp(arguments.Number(index)), out var operand)
            ? operand
            : throw arguments.Invalid();
}
