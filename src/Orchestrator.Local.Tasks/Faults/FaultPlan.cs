using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Orchestrator.Local.Tasks.Faults;

/// <summary>An injected non-zero exit: with <see cref="Probability"/> the container exits with <see cref="Code"/>.</summary>
public sealed record ExitFault(int Code, double Probability);

/// <summary>How a value of a fault key that belongs to another component is written.</summary>
public enum FaultValueKind
{
    /// <summary>A number from 0 to 1.</summary>
    Probability,

    /// <summary>A whole number, 0 or more.</summary>
    Count,
}

/// <summary>
/// What local mode breaks on purpose, parsed from a spec such as <c>eni=0.3,capacity=0.1,exit=2:0.2,unknown=0.05,seed=7</c>.
/// Local ECS reads eni/capacity/unknown/exit; keys of other components (duplicates=N, crash-after-claim=P) are checked
/// and kept in <see cref="Others"/> so one spec can drive the whole local stack.
/// </summary>
public sealed record FaultPlan
{
    /// <summary>Keys other components read; each owner may pass its own set to <see cref="Parse(string?, IReadOnlyDictionary{string, FaultValueKind})"/>.</summary>
    public static ImmutableSortedDictionary<string, FaultValueKind> OtherComponentKeys { get; } =
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, FaultValueKind>
        {
            ["duplicates"] = FaultValueKind.Count,
            ["crash-after-claim"] = FaultValueKind.Probability,
        });

    public static FaultPlan None { get; } = new();

    /// <summary>Probability that a task fails to start with an ENI StoppedReason (StopCode TaskFailedToStart).</summary>
    public double Eni { get; init; }

    /// <summary>Probability that RunTask throws "Capacity is unavailable..." (ECS.AmazonECSException).</summary>
    public double Capacity { get; init; }

    /// <summary>Probability that RunTask answers HTTP 200 with Failures [RESOURCE:FARGATE] (AmazonECS.Unknown).</summary>
    public double Unknown { get; init; }

    public ImmutableArray<ExitFault> Exits { get; init; } = [];

    /// <summary>Seeds the one Random all draws come from, so a run with the same spec injects the same faults.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Values for other components' keys, as written (already checked against their kind).</summary>
    public ImmutableSortedDictionary<string, string> Others { get; init; } = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>How many extra deliveries of each scheduled event the local scheduler should make (duplicates=N).</summary>
    public int Duplicates => Count("duplicates") ?? 0;

    /// <summary>Probability that the starter crashes right after claiming a run (crash-after-claim=P).</summary>
    public double CrashAfterClaim => Probability("crash-after-claim") ?? 0;

    /// <summary>Whether local ECS injects anything.</summary>
    public bool AffectsTasks => Eni > 0 || Capacity > 0 || Unknown > 0 || Exits.Any(e => e.Probability > 0);

    public double? Probability(string key) =>
        Others.TryGetValue(key, out var text) ? double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) : null;

    public int? Count(string key) =>
        Others.TryGetValue(key, out var text) ? int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) : null;

    /// <summary>The plan written back as a spec (for summaries and for reproducing a run).</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        void Add(string key, double p)
        {
            if (p > 0)
            {
                parts.Add(key + "=" + p.ToString("R", CultureInfo.InvariantCulture));
            }
        }

        Add("eni", Eni);
        Add("capacity", Capacity);
        Add("unknown", Unknown);
        parts.AddRange(Exits.Select(e => string.Create(CultureInfo.InvariantCulture, $"exit={e.Code}:{e.Probability:R}")));
        parts.AddRange(Others.Select(o => o.Key + "=" + o.Value));
        parts.Add("seed=" + Seed.ToString(CultureInfo.InvariantCulture));
        return string.Join(',', parts);
    }

    /// <summary>Parses a spec with the default keys of other components; throws FormatException naming the bad part.</summary>
    public static FaultPlan Parse(string? spec) => Parse(spec, OtherComponentKeys);

    public static FaultPlan Parse(string? spec, IReadOnlyDictionary<string, FaultValueKind> otherKeys) =>
        TryParse(spec, otherKeys, out var plan, out var error) ? plan : throw new FormatException(error);

    public static bool TryParse(string? spec, [NotNullWhen(true)] out FaultPlan? plan, [NotNullWhen(false)] out string? error) =>
        TryParse(spec, OtherComponentKeys, out plan, out error);

    public static bool TryParse(string? spec, IReadOnlyDictionary<string, FaultValueKind> otherKeys, [NotNullWhen(true)] out FaultPlan? plan, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(otherKeys);
        plan = null;
        var result = None;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var others = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var exits = ImmutableArray.CreateBuilder<ExitFault>();
        foreach (var raw in (spec ?? "").Split(','))
        {
            var part = raw.Trim();
            if (part.Length == 0)
            {
                continue;
            }

            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var key = (equals < 0 ? part : part[..equals]).Trim();
            var value = equals < 0 ? "" : part[(equals + 1)..].Trim();
            var known = key is "eni" or "capacity" or "unknown" or "exit" or "seed" || otherKeys.ContainsKey(key);
            if (!known)
            {
                error = $"unknown fault '{key}'; expected {Expected(otherKeys)}";
                return false;
            }

            if (value.Length == 0)
            {
                error = $"fault '{key}' has no value; write {Form(key, otherKeys)}";
                return false;
            }

            // exit may repeat with different codes; every other key says one thing once.
            if (key != "exit" && !seen.Add(key))
            {
                error = $"fault '{key}' is given twice; give each key once";
                return false;
            }

            switch (key)
            {
                case "eni" or "capacity" or "unknown":
                    if (!TryProbability(key, value, out var p, out error))
                    {
                        return false;
                    }

                    result = key switch
                    {
                        "eni" => result with { Eni = p },
                        "capacity" => result with { Capacity = p },
                        _ => result with { Unknown = p },
                    };
                    break;
                case "exit":
                    if (!TryExit(value, out var exit, out error))
                    {
                        return false;
                    }

                    if (exits.Any(e => e.Code == exit.Code))
                    {
                        error = $"fault 'exit={exit.Code}' is given twice; give each exit code once";
                        return false;
                    }

                    exits.Add(exit);
                    break;
                case "seed":
                    if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed))
                    {
                        error = $"seed '{value}' is not a whole number; write seed=N";
                        return false;
                    }

                    result = result with { Seed = seed };
                    break;
                default:
                    if (otherKeys[key] == FaultValueKind.Probability)
                    {
                        if (!TryProbability(key, value, out var other, out error))
                        {
                            return false;
                        }

                        others[key] = other.ToString("R", CultureInfo.InvariantCulture);
                    }
                    else if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
                    {
                        others[key] = count.ToString(CultureInfo.InvariantCulture);
                    }
                    else
                    {
                        error = $"'{value}' for '{key}' is not a count; expected a whole number, 0 or more";
                        return false;
                    }

                    break;
            }
        }

        var exitTotal = exits.Sum(e => e.Probability);
        if (exitTotal > 1)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"exit probabilities add up to {exitTotal:R}; together they must not exceed 1");
            return false;
        }

        plan = result with { Exits = exits.ToImmutable(), Others = others.ToImmutable() };
        error = null;
        return true;
    }

    private static bool TryProbability(string key, string value, out double probability, [NotNullWhen(false)] out string? error)
    {
        if (!double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out probability))
        {
            error = $"probability '{value}' for '{key}' is not a number; expected a number from 0 to 1, e.g. {key}=0.2";
            return false;
        }

        if (probability is < 0 or > 1)
        {
            error = $"probability '{value}' for '{key}' is out of range; expected a number from 0 to 1";
            return false;
        }

        error = null;
        return true;
    }

    private static bool TryExit(string value, [NotNullWhen(true)] out ExitFault? exit, [NotNullWhen(false)] out string? error)
    {
        exit = null;
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            error = $"exit fault '{value}' has no probability; write exit=CODE:P, e.g. exit=2:0.2";
            return false;
        }

        var codeText = value[..colon].Trim();
        if (!int.TryParse(codeText, NumberStyles.None, CultureInfo.InvariantCulture, out var code) || code is < 1 or > 255)
        {
            error = $"exit code '{codeText}' is not valid; expected a whole number from 1 to 255 (exit=CODE:P)";
            return false;
        }

        if (!TryProbability("exit=" + codeText, value[(colon + 1)..].Trim(), out var p, out error))
        {
            return false;
        }

        exit = new ExitFault(code, p);
        return true;
    }

    private static string Expected(IReadOnlyDictionary<string, FaultValueKind> otherKeys)
    {
        var text = new StringBuilder("eni=P, capacity=P, unknown=P, exit=CODE:P, seed=N");
        foreach (var key in otherKeys.Keys.Order(StringComparer.Ordinal))
        {
            text.Append(", ").Append(Form(key, otherKeys));
        }

        return text.ToString();
    }

    private static string Form(string key, IReadOnlyDictionary<string, FaultValueKind> otherKeys) => key switch
    {
        "exit" => "exit=CODE:P",
        "seed" => "seed=N",
        "eni" or "capacity" or "unknown" => key + "=P",
        _ => otherKeys[key] == FaultValueKind.Count ? key + "=N" : key + "=P",
    };
}
