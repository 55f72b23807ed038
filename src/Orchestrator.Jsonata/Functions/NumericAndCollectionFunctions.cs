using System.Globalization;
using System.Text.RegularExpressions;
using Orchestrator.Jsonata.Evaluation;

namespace Orchestrator.Jsonata.Functions;

internal static partial class FunctionLibrary
{
    private static object? NumberFn(object?[] a, CallSite site)
    {
        switch (a[0])
        {
            case null:
                return null;
            case double d:
                return d;
            case bool b:
                return b ? 1d : 0d;
            case string s:
                {
                    var parsed = ParseNumberText(s);
                    if (parsed is { } value && double.IsFinite(value))
                    {
                        return value;
                    }

                    throw Errors.Create("D3030", site.Position, value: s);
                }

            default:
                throw Errors.Create("D3030", site.Position, value: a[0]);
        }
    }

    private static double? ParseNumberText(string s)
    {
        if (JsonNumberPattern().IsMatch(s))
        {
            return double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        if (s.Length > 2 && s[0] == '0')
        {
            var (radix, body) = char.ToLowerInvariant(s[1]) switch
            {
                'x' => (16, s[2..]),
                'o' => (8, s[2..]),
                'b' => (2, s[2..]),
                _ => (0, string.Empty),
            };
            if (radix != 0 && body.Length > 0)
            {
                double value = 0;
                foreach (var c in body)
                {
                    var digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : 99;
                    if (digit >= radix)
                    {
                        return null;
                    }

                    value = (value * radix) + digit;
                }

                return value;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^-?(0|([1-9][0-9]*))(\.[0-9]+)?([Ee][-+]?[0-9]+)?$")]
    private static partial Regex JsonNumberPattern();

    private static object? Round(object?[] a, CallSite site)
    {
        if (a[0] is not double value)
        {
            return null;
        }

        var precision = a.Length > 1 && a[1] is double p ? p : 0;
        if (Math.Abs(precision) > 300)
        {
            // beyond double's decimal range: nothing to round, or everything rounds to zero
            return precision > 0 ? value : 0d;
        }

        return RoundHalfEven(value, (int)precision);
    }

    /// <summary>Round half to even at a decimal precision, shifting the decimal exponent textually as the reference does.</summary>
    internal static double RoundHalfEven(double value, int precision)
    {
        var shifted = precision == 0 ? value : ShiftExponent(value, precision);
        var result = Math.Floor(shifted + 0.5); // JavaScript Math.round: halves go up
        var diff = result - shifted;
        if (Math.Abs(diff) == 0.5 && Math.Abs(result % 2) == 1)
        {
            result -= 1;
        }

        if (precision != 0)
        {
            result = ShiftExponent(result, -precision);
        }

        return result == 0 ? 0 : result;
    }

    private static double ShiftExponent(double value, int shift)
    {
        var text = ValueText.Number(value);
        var e = text.IndexOf('e', StringComparison.Ordinal);
        var mantissa = e < 0 ? text : text[..e];
        var exponent = e < 0 ? 0 : int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return double.Parse(
            mantissa + "e" + (exponent + shift).ToString(CultureInfo.InvariantCulture),
            NumberStyles.Float,
            CultureInfo.InvariantCulture);
    }

    private static object? Power(object?[] a, CallSite site)
    {
        if (a[0] is not double b || a[1] is not double e)
        {
            return null;
        }

        var result = Math.Pow(b, e);
        if (!double.IsFinite(result))
        {
            throw Errors.Create("D3061", site.Position, value: b, value2: e);
        }

        return result;
    }

    private static object? Sqrt(object?[] a, CallSite site)
    {
        if (a[0] is not double d)
        {
            return null;
        }

        if (d < 0)
        {
            throw Errors.Create("D3060", site.Position, value: d);
        }

        return Math.Sqrt(d);
    }

    private static object? Sum(object?[] a, CallSite site)
    {
        if (a[0] is not JArray array)
        {
            return null;
        }

        double total = 0;
        foreach (var item in array)
        {
            total += (double)item!;
        }

        return total;
    }

    private static double? Extreme(object? arg, bool max)
    {
        if (arg is not JArray { Count: > 0 } array)
        {
            return null;
        }

        var result = max ? double.NegativeInfinity : double.PositiveInfinity;
        foreach (var item in array)
        {
            var d = (double)item!;
            result = max ? Math.Max(result, d) : Math.Min(result, d);
        }

        return result;
    }

    private static object? Average(object?[] a, CallSite site)
    {
        if (a[0] is not JArray { Count: > 0 } array)
        {
            return null;
        }

        double total = 0;
        foreach (var item in array)
        {
            total += (double)item!;
        }

        return total / array.Count;
    }

    private static object? Sort(object?[] a, CallSite site)
    {
        if (a[0] is not JArray array)
        {
            return null;
        }

        if (array.Count <= 1)
        {
            return array;
        }

        Func<object?, object?, bool> greater;
        if (a.Length > 1 && a[1] is FunctionValue comparator)
        {
            greater = (x, y) => Sequences.IsTruthy(site.Apply(comparator, x, y));
        }
        else
        {
            if (Sequences.IsArrayOfNumbers(array))
            {
                greater = (x, y) => (double)x! > (double)y!;
            }
            else if (Sequences.IsArrayOfStrings(array))
            {
                greater = (x, y) => string.CompareOrdinal((string)x!, (string)y!) > 0;
            }
            else
            {
                throw Errors.Create("D3070", site.Position);
            }
        }

        return MergeSort.Sort(array, greater);
    }

    private static object? Reverse(object?[] a, CallSite site)
    {
        if (a[0] is not JArray array)
        {
            return null;
        }

        if (array.Count <= 1)
        {
            return array;
        }

        var copy = new JArray(array);
        copy.Reverse();
        return copy;
    }

    private static object? Shuffle(object?[] a, CallSite site)
    {
        if (a[0] is not JArray array)
        {
            return null;
        }

        if (array.Count <= 1)
        {
            return array;
        }

        var copy = new JArray(array);
        var random = site.Context.Random;
        for (var i = copy.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (copy[i], copy[j]) = (copy[j], copy[i]);
        }

        return copy;
    }

    private static object? Distinct(object?[] a, CallSite site)
    {
        if (a[0] is null)
        {
            return null;
        }

        if (a[0] is not JArray { Count: > 1 } array)
        {
            return a[0];
        }

        var results = array.IsSequence ? JArray.Sequence() : new JArray();
        foreach (var item in array)
        {
            var seen = false;
            foreach (var existing in results)
            {
                if (Sequences.DeepEquals(existing, item))
                {
                    seen = true;
                    break;
                }
            }

            if (!seen)
            {
                results.Add(item);
            }
        }

        return results;
    }

    private static object? Zip(object?[] a, CallSite site)
    {
        var arrays = a.Select(x => x as JArray ?? (x is null ? [] : new JArray { x })).ToList();
        var result = new JArray();
        if (arrays.Count == 0)
        {
            return result;
        }

        var length = arrays.Min(x => x.Count);
        for (var i = 0; i < length; i++)
        {
            var tuple = new JArray(arrays.Count);
            foreach (var array in arrays)
            {
                tuple.Add(array[i]);
            }

            result.Add(tuple);
        }

        return result;
    }

    private static object? Keys(object?[] a, CallSite site)
    {
        var result = JArray.Sequence();
        switch (a[0])
        {
            case JArray array:
                {
                    var seen = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var item in array)
                    {
                        if (item is JObject obj)
                        {
                            foreach (var key in obj.Keys)
                            {
                                if (seen.Add(key))
                                {
                                    result.Add(key);
                                }
                            }
                        }
                    }

                    break;
                }

            case JObject obj:
                foreach (var key in obj.Keys)
                {
                    result.Add(key);
                }

                break;
            default:
                return null;
        }

        return result;
    }

    private static object? Spread(object?[] a, CallSite site)
    {
        switch (a[0])
        {
            case JArray array:
                {
                    var result = JArray.Sequence();
                    foreach (var item in array)
                    {
                        var spread = Spread([item], site);
                        if (spread is JArray sa)
                        {
                            result.AddRange(sa);
                        }
                        else if (spread is not null)
                        {
                            result.Add(spread);
                        }
                    }

                    return result;
                }

            case JObject obj:
                {
                    var result = JArray.Sequence();
                    foreach (var pair in obj)
                    {
                        result.Add(new JObject { [pair.Key] = pair.Value });
                    }

                    return result;
                }

            default:
                return a[0];
        }
    }

    private static object? Merge(object?[] a, CallSite site)
    {
        if (a[0] is not JArray array)
        {
            return null;
        }

        var result = new JObject();
        foreach (var item in array)
        {
            foreach (var pair in (JObject)item!)
            {
                result[pair.Key] = pair.Value;
            }
        }

        return result;
    }

    private static object? Each(object?[] a, CallSite site)
    {
        if (a[0] is not JObject obj)
        {
            return null;
        }

        var fn = Required<FunctionValue>(a, 1, site);
        var result = JArray.Sequence();
        foreach (var pair in obj)
        {
            var value = Invoker.ApplyHof(fn, site, pair.Value, pair.Key, obj);
            if (value is not null)
            {
                result.Add(value);
            }
        }

        return result;
    }

    private static object? Sift(object?[] a, CallSite site)
    {
        if (a[0] is not JObject obj)
        {
            return null;
        }

        var fn = Required<FunctionValue>(a, 1, site);
        var result = new JObject();
        foreach (var pair in obj)
        {
            if (Sequences.IsTruthy(Invoker.ApplyHof(fn, site, pair.Value, pair.Key, obj)))
            {
                result[pair.Key] = pair.Value;
            }
        }

        return result.Count == 0 ? null : result;
    }

    private static object? MapFn(object?[] a, CallSite site)
    {
        if (a[0] is not JArray array)
        {
            return null;
        }

        var fn = Required<FunctionValue>(a, 1, site);
        var result = JArray.Sequence();
        for (var i = 0; i < array.Count; i++)
        {
            var value = Invoker.ApplyHof(fn, site, array[i], (double)i, array);
            if (value is not null)
            {
                result.Add(value);
            }
        }

        return result;
    }

    private static object? FilterFn(object?[] a, CallSite site)
    {
        if (a[0] is not JArray array)
        {
            return null;
        }

        var fn = Required<FunctionValue>(a, 1, site);
        var result = JArray.Sequence();
        for (var i = 0; i < array.Count; i++)
        {
            if (Sequences.IsTruthy(Invoker.ApplyHof(fn, site, array[i], (double)i, array)))
            {
                result.Add(array[i]);
            }
        }

        return result;
    }

    private static object? Single(object?[] a, CallSite site)
    {
        if (a[0] is not JArray array)
        {
            return null;
        }

        var fn = a.Length > 1 ? a[1] as FunctionValue : null;
        object? result = null;
        var found = false;
        for (var i = 0; i < array.Count; i++)
        {
            var positive = fn is null || Sequences.IsTruthy(Invoker.ApplyHof(fn, site, array[i], (double)i, array));
            if (!positive)
            {
                continue;
            }

            if (found)
            {
                throw Errors.Create("D3138", site.Position);
            }

            result = array[i];
            found = true;
        }

        if (!found)
        {
            throw Errors.Create("D3139", site.Position);
        }

        return result;
    }

    private static object? Reduce(object?[] a, CallSite site)
    {
        if (a[0] is not JArray array)
        {
            return null;
        }

        var fn = Required<FunctionValue>(a, 1, site);
        var arity = fn.Arity;
        if (arity < 2)
        {
            throw Errors.Create("D3050", site.Position);
        }

        object? result;
        var index = 0;
        if ((a.Length < 3 || a[2] is null) && array.Count > 0)
        {
            result = array[0];
            index = 1;
        }
        else
        {
            result = a.Length > 2 ? a[2] : null;
        }

        for (; index < array.Count; index++)
        {
            object?[] args = arity >= 4 ? [result, array[index], (double)index, array]
                : arity == 3 ? [result, array[index], (double)index]
                : [result, array[index]];
            result = Invoker.Apply(fn, args, site.Input, site.Context, site.Position);
        }

        return result;
    }
}
