namespace Orchestrator.Jsonata.Evaluation;

/// <summary>Sequence and value semantics shared by the nodes and the function library.</summary>
internal static class Sequences
{
    /// <summary>Unwraps a result sequence: empty is undefined, a singleton is its member (unless kept as an array).</summary>
    public static object? Finish(object? result, bool keepArray)
    {
        if (result is JArray { IsSequence: true, TupleStream: false } seq)
        {
            if (keepArray)
            {
                seq.KeepSingleton = true;
            }

            if (seq.Count == 0)
            {
                return null;
            }

            if (seq.Count == 1 && !seq.KeepSingleton)
            {
                return seq[0];
            }
        }

        return result;
    }

    /// <summary>Applies a predicate: a number selects by index (negative from the end), anything else filters by truthiness.</summary>
    public static JArray Filter(Node predicate, object? input, Frame env, EvalContext ctx)
    {
        var results = JArray.Sequence();
        var inputArray = input as JArray;
        if (inputArray is { TupleStream: true })
        {
            results.TupleStream = true;
        }

        inputArray ??= JArray.Sequence(input);
        if (predicate is LiteralNode { Value: double number } && predicate.Predicates is null)
        {
            var index = (int)Math.Floor(number);
            if (index < 0)
            {
                index = inputArray.Count + index;
            }

            if (index >= 0 && index < inputArray.Count)
            {
                var item = inputArray[index];
                if (item is JArray nested)
                {
                    return nested;
                }

                if (item is not null)
                {
                    results.Add(item);
                }
            }

            return results;
        }

        for (var i = 0; i < inputArray.Count; i++)
        {
            var item = inputArray[i];
            if (item is null)
            {
                continue;
            }

            var context = item;
            var itemEnv = env;
            if (inputArray.TupleStream && item is TupleBinding tuple)
            {
                context = tuple.Context;
                itemEnv = Frame.FromTuple(env, tuple);
            }

            var res = predicate.Evaluate(context, itemEnv, ctx);
            if (res is double)
            {
                res = new JArray { res };
            }

            if (res is JArray indexes && indexes.Count > 0 && IsArrayOfNumbers(indexes))
            {
                foreach (var ires in indexes)
                {
                    var ii = (int)Math.Floor((double)ires!);
                    if (ii < 0)
                    {
                        ii = inputArray.Count + ii;
                    }

                    if (ii == i)
                    {
                        results.Add(item);
                    }
                }
            }
            else if (IsTruthy(res))
            {
                results.Add(item);
            }
        }

        return results;
    }

    public static JObject GroupBy(GroupClause group, object? input, Frame env, EvalContext ctx)
    {
        var result = new JObject();
        var groups = new OrderedDictionary<string, (object? Data, int ExprIndex)>(StringComparer.Ordinal);
        var reduce = input is JArray { TupleStream: true };
        var items = input as JArray ?? JArray.Sequence(input);
        if (items.Count == 0)
        {
            items = [null];
        }

        foreach (var item in items)
        {
            var itemEnv = reduce && item is TupleBinding t ? Frame.FromTuple(env, t) : env;
            var context = reduce && item is TupleBinding t2 ? t2.Context : item;
            for (var pairIndex = 0; pairIndex < group.Pairs.Count; pairIndex++)
            {
                var key = group.Pairs[pairIndex].Key.Evaluate(context, itemEnv, ctx);
                if (key is null)
                {
                    continue;
                }

                if (key is not string keyText)
                {
                    throw Errors.Create("T1003", group.Position, value: key);
                }

                if (groups.TryGetValue(keyText, out var existing))
                {
                    if (existing.ExprIndex != pairIndex)
                    {
                        throw Errors.Create("D1009", group.Position, value: keyText);
                    }

                    groups[keyText] = (Append(existing.Data, item), pairIndex);
                }
                else
                {
                    groups[keyText] = (item, pairIndex);
                }
            }
        }

        foreach (var entry in groups)
        {
            var context = entry.Value.Data;
            var groupEnv = env;
            if (reduce)
            {
                var tuple = ReduceTupleStream(entry.Value.Data);
                context = tuple.Context;
                tuple.Remove("@");
                groupEnv = Frame.FromTuple(env, tuple);
            }

            var value = group.Pairs[entry.Value.ExprIndex].Value.Evaluate(context, groupEnv, ctx);
            if (value is not null)
            {
                result[entry.Key] = value;
            }
        }

        return result;
    }

    private static TupleBinding ReduceTupleStream(object? stream)
    {
        if (stream is TupleBinding single)
        {
            return single.CloneBinding();
        }

        var list = (JArray)stream!;
        var result = ((TupleBinding)list[0]!).CloneBinding();
        for (var i = 1; i < list.Count; i++)
        {
            foreach (var pair in (TupleBinding)list[i]!)
            {
                result[pair.Key] = Append(result.TryGetValue(pair.Key, out var v) ? v : null, pair.Value);
            }
        }

        return result;
    }

    /// <summary>JSONata's append: concatenates, wrapping non-arrays; undefined on either side yields the other.</summary>
    public static object? Append(object? left, object? right)
    {
        if (left is null)
        {
            return right;
        }

        if (right is null)
        {
            return left;
        }

        var result = new JArray();
        if (left is JArray la)
        {
            result.AddRange(la);
        }
        else
        {
            result.Add(left);
        }

        if (right is JArray ra)
        {
            result.AddRange(ra);
        }
        else
        {
            result.Add(right);
        }

        return result;
    }

    public static JArray Flatten(JArray source, JArray? into = null)
    {
        into ??= new JArray();
        foreach (var item in source)
        {
            if (item is JArray nested)
            {
                Flatten(nested, into);
            }
            else
            {
                into.Add(item);
            }
        }

        return into;
    }

    /// <summary>Field lookup with automatic mapping over arrays (results are flattened one level per array).</summary>
    public static object? Lookup(object? input, string key)
    {
        if (input is JArray array)
        {
            var result = JArray.Sequence();
            foreach (var item in array)
            {
                var res = Lookup(item, key);
                if (res is JArray resArray)
                {
                    result.AddRange(resArray);
                }
                else if (res is not null)
                {
                    result.Add(res);
                }
            }

            return result;
        }

        if (input is JObject obj && obj.TryGetValue(key, out var value))
        {
            return value;
        }

        return null;
    }

    /// <summary>JSONata truthiness ($boolean); undefined is false.</summary>
    public static bool IsTruthy(object? value) => ToBoolean(value) ?? false;

    public static bool? ToBoolean(object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case JArray array:
                if (array.Count == 1)
                {
                    return ToBoolean(array[0]);
                }

                foreach (var item in array)
                {
                    if (ToBoolean(item) == true)
                    {
                        return true;
                    }
                }

                return false;
            case string s:
                return s.Length > 0;
            case double d:
                return d != 0;
            case bool b:
                return b;
            case JObject o:
                return o.Count > 0;
            default:
                return false;
        }
    }

    /// <summary>True for a number; a non-finite number is an error (D1001) wherever a number is required.</summary>
    public static bool IsNumeric(object? value, int position)
    {
        if (value is double d)
        {
            if (double.IsNaN(d))
            {
                return false;
            }

            if (double.IsInfinity(d))
            {
                throw Errors.Create("D1001", position, value: d);
            }

            return true;
        }

        return false;
    }

    public static bool IsArrayOfNumbers(JArray array)
    {
        foreach (var item in array)
        {
            if (item is not double)
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsArrayOfStrings(JArray array)
    {
        foreach (var item in array)
        {
            if (item is not string)
            {
                return false;
            }
        }

        return true;
    }

    public static bool DeepEquals(object? left, object? right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        switch (left)
        {
            case double ld:
                return right is double rd && ld == rd;
            case string ls:
                return right is string rs && string.Equals(ls, rs, StringComparison.Ordinal);
            case bool lb:
                return right is bool rb && lb == rb;
            case JArray la:
                {
                    if (right is not JArray ra || la.Count != ra.Count)
                    {
                        return false;
                    }

                    for (var i = 0; i < la.Count; i++)
                    {
                        if (!DeepEquals(la[i], ra[i]))
                        {
                            return false;
                        }
                    }

                    return true;
                }

            case JObject lo:
                {
                    if (right is not JObject ro || lo.Count != ro.Count)
                    {
                        return false;
                    }

                    foreach (var pair in lo)
                    {
                        if (!ro.TryGetValue(pair.Key, out var rv) || !DeepEquals(pair.Value, rv))
                        {
                            return false;
                        }
                    }

                    return true;
                }

            default:
                return false;
        }
    }

    /// <summary>Strict equality as JavaScript's === (used by "in"): primitives by value, containers by reference.</summary>
    public static bool StrictEquals(object? left, object? right) => left switch
    {
        double ld => right is double rd && ld == rd,
        string ls => right is string rs && string.Equals(ls, rs, StringComparison.Ordinal),
        bool lb => right is bool rb && lb == rb,
        _ => ReferenceEquals(left, right),
    };

    /// <summary>A deep copy of a JSON value (functions are shared).</summary>
    public static object? DeepClone(object? value)
    {
        switch (value)
        {
            case JArray array:
                {
                    var copy = new JArray(array.Count);
                    foreach (var item in array)
                    {
                        copy.Add(DeepClone(item));
                    }

                    return copy;
                }

            case JObject obj:
                {
                    var copy = new JObject(obj.Count);
                    foreach (var pair in obj)
                    {
                        copy[pair.Key] = DeepClone(pair.Value);
                    }

                    return copy;
                }

            default:
                return value;
        }
    }
}
