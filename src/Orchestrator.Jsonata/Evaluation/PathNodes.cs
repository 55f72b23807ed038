namespace Orchestrator.Jsonata.Evaluation;

/// <summary>A location path <c>a.b[pred].c</c>: each step maps over the previous step's results.</summary>
internal sealed class PathNode(int position, List<Node> steps) : Node(position)
{
    public List<Node> Steps { get; } = steps;

    public bool KeepSingletonArray { get; set; }

    protected override object? EvaluateCore(object? input, Frame env, EvalContext ctx)
    {
        JArray inputSequence = input is JArray inputArray && Steps[0] is not VariableNode
            ? inputArray
            : JArray.Sequence(input);

        object? resultSequence = null;
        JArray? tupleBindings = null;
        var isTupleStream = false;

        for (var i = 0; i < Steps.Count; i++)
        {
            var step = Steps[i];
            if (step.Tuple)
            {
                isTupleStream = true;
            }

            if (i == 0 && step.ConsArray)
            {
                resultSequence = step.Evaluate(inputSequence, env, ctx);
            }
            else if (isTupleStream)
            {
                tupleBindings = EvaluateTupleStep(step, inputSequence, tupleBindings, env, ctx);
            }
            else
            {
                resultSequence = EvaluateStep(step, inputSequence, env, ctx, i == Steps.Count - 1);
            }

            if (!isTupleStream && (resultSequence is null || resultSequence is JArray { Count: 0 }))
            {
                break;
            }

            if (step.Focus is null && !isTupleStream)
            {
                inputSequence = resultSequence as JArray ?? JArray.Sequence(resultSequence);
            }
        }

        if (isTupleStream && Tuple)
        {
            // a path inside a step that needs ancestry hands its bindings up to the enclosing path
            resultSequence = tupleBindings ?? new JArray { IsSequence = true, TupleStream = true };
        }
        else if (isTupleStream)
        {
            var seq = JArray.Sequence();
            if (tupleBindings is not null)
            {
                foreach (var tuple in tupleBindings)
                {
                    seq.Add(((TupleBinding)tuple!).Context);
                }
            }

            resultSequence = seq;
        }

        if (KeepSingletonArray)
        {
            if (resultSequence is JArray { Cons: true, IsSequence: false } cons)
            {
                resultSequence = JArray.Sequence(cons);
            }

            if (resultSequence is JArray { IsSequence: true } keep)
            {
                keep.KeepSingleton = true;
            }
        }

        if (Group is not null)
        {
            resultSequence = Sequences.GroupBy(Group, isTupleStream ? tupleBindings : resultSequence, env, ctx);
        }

        return resultSequence;
    }

    private static JArray EvaluateStep(Node step, JArray input, Frame env, EvalContext ctx, bool lastStep)
    {
        if (step is SortNode sort)
        {
            var sorted = sort.SortItems(input, env, ctx);
            if (step.Stages is not null)
            {
                sorted = EvaluateStages(step.Stages, sorted, env, ctx);
            }

            return sorted;
        }

        var result = JArray.Sequence();
        foreach (var item in input)
        {
            var res = step.Evaluate(item, env, ctx);
            if (step.Stages is not null)
            {
                foreach (var stage in step.Stages)
                {
                    if (stage.Filter is not null)
                    {
                        res = Sequences.Filter(stage.Filter, res, env, ctx);
                    }
                }
            }

            if (res is not null)
            {
                result.Add(res);
            }
        }

        if (lastStep && result.Count == 1 && result[0] is JArray { IsSequence: false } only)
        {
            return only;
        }

        var flattened = JArray.Sequence();
        foreach (var res in result)
        {
            if (res is JArray array && !array.Cons)
            {
                flattened.AddRange(array);
            }
            else
            {
                flattened.Add(res);
            }
        }

        return flattened;
    }

    private static JArray EvaluateTupleStep(Node step, JArray input, JArray? tupleBindings, Frame env, EvalContext ctx)
    {
        JArray result;
        if (step is SortNode sort)
        {
            if (tupleBindings is not null)
            {
                result = sort.SortItems(tupleBindings, env, ctx);
            }
            else
            {
                var sorted = sort.SortItems(input, env, ctx);
                result = new JArray { IsSequence = true, TupleStream = true };
                for (var ss = 0; ss < sorted.Count; ss++)
                {
                    var tuple = new TupleBinding { Context = sorted[ss] };
                    if (step.IndexVariable is not null)
                    {
                        tuple[step.IndexVariable] = (double)ss;
                    }

                    result.Add(tuple);
                }
            }

            if (step.Stages is not null)
            {
                result = EvaluateStages(step.Stages, result, env, ctx);
            }

            return result;
        }

        result = new JArray { IsSequence = true, TupleStream = true };
        if (tupleBindings is null)
        {
            tupleBindings = new JArray(input.Count);
            foreach (var item in input)
            {
                tupleBindings.Add(new TupleBinding { Context = item });
            }
        }

        foreach (var tb in tupleBindings)
        {
            var binding = (TupleBinding)tb!;
            var stepEnv = Frame.FromTuple(env, binding);
            var res = step.Evaluate(binding.Context, stepEnv, ctx);
            if (res is null)
            {
                continue;
            }

            var items = res as JArray ?? new JArray { res };
            for (var bb = 0; bb < items.Count; bb++)
            {
                var tuple = binding.CloneBinding();
                if (items.TupleStream && items[bb] is TupleBinding inner)
                {
                    foreach (var pair in inner)
                    {
                        tuple[pair.Key] = pair.Value;
                    }
                }
                else
                {
                    if (step.Focus is not null)
                    {
                        tuple[step.Focus] = items[bb];
                        tuple.Context = binding.Context;
                    }
                    else
                    {
                        tuple.Context = items[bb];
                    }

                    if (step.IndexVariable is not null)
                    {
                        tuple[step.IndexVariable] = (double)bb;
                    }

                    if (step.Ancestor is not null)
                    {
                        tuple[step.Ancestor.Label] = binding.Context;
                    }
                }

                result.Add(tuple);
            }
        }

        if (step.Stages is not null)
        {
            result = EvaluateStages(step.Stages, result, env, ctx);
        }

        return result;
    }

    private static JArray EvaluateStages(List<Stage> stages, JArray input, Frame env, EvalContext ctx)
    {
        var result = input;
        foreach (var stage in stages)
        {
            if (stage.Filter is not null)
            {
                result = Sequences.Filter(stage.Filter, result, env, ctx);
            }
            else if (stage.IndexVariable is not null)
            {
                for (var ee = 0; ee < result.Count; ee++)
                {
                    if (result[ee] is TupleBinding tuple)
                    {
                        tuple[stage.IndexVariable] = (double)ee;
                    }
                }
            }
        }

        return result;
    }
}

/// <summary>A field name step: looks the name up on the context, mapping over arrays.</summary>
internal sealed class NameNode(int position, string name) : Node(position)
{
    public string Name { get; } = name;

    protected override object? EvaluateCore(object? input, Frame env, EvalContext ctx) => Sequences.Lookup(input, Name);
}

/// <summary><c>*</c>: the values of all fields of the context (array values flattened).</summary>
internal sealed class WildcardNode(int position) : Node(position)
{
    protected override object? EvaluateCore(object? input, Frame env, EvalContext ctx)
    {
        var results = JArray.Sequence();
        if (input is JArray { OuterWrapper: true, Count: > 0 } wrapper)
        {
            input = wrapper[0];
        }

        IEnumerable<object?> values = input switch
        {
            JObject obj => obj.Values,
            JArray array => array,
            _ => [],
        };
        foreach (var value in values)
        {
            if (value is JArray array)
            {
                Sequences.Flatten(array, results);
            }
            else if (value is not null)
            {
                results.Add(value);
            }
        }

        return results;
    }
}

/// <summary><c>**</c>: the context and all values nested in it, depth first.</summary>
internal sealed class DescendantNode(int position) : Node(position)
{
    protected override object? EvaluateCore(object? input, Frame env, EvalContext ctx)
    {
        if (input is null)
        {
            return null;
        }

        var results = JArray.Sequence();
        Recurse(input, results);
        return results.Count == 1 ? results[0] : results;
    }

    private static void Recurse(object? input, JArray results)
    {
        if (input is JArray array)
        {
            foreach (var member in array)
            {
                Recurse(member, results);
            }

            return;
        }

        results.Add(input);
        if (input is JObject obj)
        {
            foreach (var value in obj.Values)
            {
                Recurse(value, results);
            }
        }
    }
}

/// <summary>An order-by step <c>^(&lt;a, &gt;b)</c>; a stable merge sort like the reference.</summary>
internal sealed class SortNode(int position, List<(bool Descending, Node Expression)> terms) : Node(position)
{
    public List<(bool Descending, Node Expression)> Terms { get; } = terms;

    protected override object? EvaluateCore(object? input, Frame env, EvalContext ctx) =>
        SortItems(input as JArray ?? JArray.Sequence(input), env, ctx);

    public JArray SortItems(JArray input, Frame env, EvalContext ctx)
    {
        var isTupleSort = input.TupleStream;
        var sorted = MergeSort.Sort(input, (a, b) => Compare(a, b, isTupleSort, env, ctx) > 0);
        sorted.IsSequence = true;
        sorted.TupleStream = isTupleSort;
        return sorted;
    }

    private int Compare(object? a, object? b, bool isTupleSort, Frame env, EvalContext ctx)
    {
        var comp = 0;
        for (var index = 0; comp == 0 && index < Terms.Count; index++)
        {
            var term = Terms[index];
            var aContext = a;
            var bContext = b;
            var aEnv = env;
            var bEnv = env;
            if (isTupleSort)
            {
                aContext = ((TupleBinding)a!).Context;
                bContext = ((TupleBinding)b!).Context;
                aEnv = Frame.FromTuple(env, (TupleBinding)a!);
                bEnv = Frame.FromTuple(env, (TupleBinding)b!);
            }

            var aa = term.Expression.Evaluate(aContext, aEnv, ctx);
            var bb = term.Expression.Evaluate(bContext, bEnv, ctx);
            if (aa is null)
            {
                comp = bb is null ? 0 : 1;
                continue;
            }

            if (bb is null)
            {
                comp = -1;
                continue;
            }

            if (aa is not (string or double) || bb is not (string or double))
            {
                throw Errors.Create("T2008", Position, value: aa is string or double ? bb : aa);
            }

            if (aa.GetType() != bb.GetType())
            {
                throw Errors.Create("T2007", Position, value: aa, value2: bb);
            }

            var c = aa is string sa ? string.CompareOrdinal(sa, (string)bb) : ((double)aa).CompareTo((double)bb);
            comp = Math.Sign(c);
            if (term.Descending)
            {
                comp = -comp;
            }
        }

        return comp;
    }
}

/// <summary>Stable merge sort driven by a "should a come after b" predicate, as the reference's $sort.</summary>
internal static class MergeSort
{
    public static JArray Sort(IReadOnlyList<object?> items, Func<object?, object?, bool> greater)
    {
        var array = new object?[items.Count];
        for (var i = 0; i < array.Length; i++)
        {
            array[i] = items[i];
        }

        var buffer = new object?[array.Length];
        SortRange(array, buffer, 0, array.Length, greater);
        return new JArray(array);
    }

    private static void SortRange(object?[] a, object?[] buffer, int start, int end, Func<object?, object?, bool> greater)
    {
        if (end - start < 2)
        {
            return;
        }

        var mid = (start + end) / 2;
        SortRange(a, buffer, start, mid, greater);
        SortRange(a, buffer, mid, end, greater);
        int i = start, j = mid, k = start;
        while (i < mid && j < end)
        {
            buffer[k++] = greater(a[i], a[j]) ? a[j++] : a[i++];
        }

        while (i < mid)
        {
            buffer[k++] = a[i++];
        }

        while (j < end)
        {
            buffer[k++] = a[j++];
        }

        Array.Copy(buffer, start, a, start, end - start);
    }
}
