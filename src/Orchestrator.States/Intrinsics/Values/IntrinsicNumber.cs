using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.States.Intrinsics.Values;

/// <summary>Reading JSON numbers and turning them into the 32-bit integers the intrinsics work with.</summary>
internal static class IntrinsicNumber
{
    public static bool TryRead(JsonNode? node, out double number)
    {
        number = 0;
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        // The JSON text is the one representation every JsonValue backing (element, int, double...) agrees on.
        return double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number)
            && double.IsFinite(number);
    }

    /// <summary>
    /// Round half up, as States.MathAdd does on AWS (Java Math.round): 1.5 → 2, 2.5 → 3, -0.5 → 0, -1.5 → -1
    /// (recorded in the conformance corpus, math_add cases). Not banker's rounding, not away from zero.
    /// </summary>
    public static double RoundHalfUp(double number)
    {
        var floor = Math.Floor(number);
        return number - floor >= 0.5 ? floor + 1 : floor;
    }

    /// <summary>Drop the fraction (AWS casts sizes, bounds and indexes to int) and require the int32 range.</summary>
    public static bool TryTruncate(double number, out int integer) => TryToInt32(Math.Truncate(number), out integer);

    public static bool TryToInt32(double wholeNumber, out int integer)
    {
        if (wholeNumber is >= int.MinValue and <= int.MaxValue)
        {
            integer = (int)wholeNumber;
            return true;
        }

        integer = 0;
        return false;
    }
}
