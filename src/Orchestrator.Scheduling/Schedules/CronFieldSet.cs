using System.Numerics;

namespace Orchestrator.Scheduling.Schedules;

/// <summary>
/// The values one cron field allows, as a bitset over [Min, Max]: built once at parse time so evaluating a schedule is a
/// few bit scans per candidate, never a minute-by-minute walk.
/// </summary>
internal sealed class CronFieldSet
{
    private readonly ulong[] _words;

    public CronFieldSet(int min, int max)
    {
        Min = min;
        Max = max;
        _words = new ulong[((max - min) / 64) + 1];
    }

    public int Min { get; }

    public int Max { get; }

    public bool IsFull => Count == Max - Min + 1;

    public int Count => _words.Sum(w => BitOperations.PopCount(w));

    public void Add(int value)
    {
        var index = value - Min;
        _words[index >> 6] |= 1UL << (index & 63);
    }

    public bool Contains(int value)
    {
        if (value < Min || value > Max)
        {
            return false;
        }

        var index = value - Min;
        return (_words[index >> 6] & (1UL << (index & 63))) != 0;
    }

    /// <summary>The smallest allowed value at or above <paramref name="value"/>, or -1 when none is left.</summary>
    public int NextAtOrAfter(int value)
    {
        if (value < Min)
        {
            value = Min;
        }

        if (value > Max)
        {
            return -1;
        }

        var index = value - Min;
        var word = index >> 6;
        var bits = _words[word] & (ulong.MaxValue << (index & 63));
        while (true)
        {
            if (bits != 0)
            {
                var found = (word << 6) + BitOperations.TrailingZeroCount(bits) + Min;
                return found <= Max ? found : -1;
            }

            if (++word >= _words.Length)
            {
                return -1;
            }

            bits = _words[word];
        }
    }

    public IEnumerable<int> Values()
    {
        for (var value = NextAtOrAfter(Min); value >= 0; value = value == Max ? -1 : NextAtOrAfter(value + 1))
        {
            yield return value;
        }
    }
}
