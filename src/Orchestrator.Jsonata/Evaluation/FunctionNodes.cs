using Orchestrator.Jsonata.Functions;

namespace Orchestrator.Jsonata.Evaluation;

/// <summary>A function call <c>proc(args)</c>; in tail position of a lambda body it returns a <see cref="TailCall"/>.</summary>
internal sealed class CallNode(int position, Node procedure, List<Node> arguments) : Node(position)
{
    public Node Procedure { get; } = procedure;

    public List<Node> Arguments { get; } = arguments;

    public bool IsTailCall { get; set; }

    protected override object? EvaluateCore(object? input, Frame env, EvalContext ctx) => Call(input, env, ctx, null, false);

    public object? Call(object? input, Frame env, EvalContext ctx, object? applyTo, bool hasApplyTo)
    {
        var proc = Procedure.Evaluate(input, env, ctx);
        if (proc is null && Procedure is PathNode { Steps: [NameNode name] } && env.TryLookup(name.Name, out var found) && found is not null)
        {
            throw Errors.Create("T1005", Position, token: name.Name);
        }

        var args = new object?[Arguments.Count + (hasApplyTo ? 1 : 0)];
        var offset = 0;
        if (hasApplyTo)
        {
            args[0] = applyTo;
            offset = 1;
        }

        for (var i = 0; i < Arguments.Count; i++)
        {
            args[i + offset] = Arguments[i].Evaluate(input, env, ctx);
        }

        if (proc is not FunctionValue fn)
        {
            throw Errors.Create("T1006", Position, token: (Procedure as VariableNode)?.Name);
        }

        if (IsTailCall && !hasApplyTo)
        {
            return new TailCall(fn, args, input, Position);
        }

        return Invoker.Apply(fn, args, input, ctx, Position);
    }
}

/// <summary><c>proc(a, ?, c)</c>: a partially applied function.</summary>
internal sealed class PartialNode(int position, Node procedure, List<Node?> arguments) : Node(position)
{
    protected override object? EvaluateCore(object? input, Frame env, EvalContext ctx)
    {
        var args = new object?[arguments.Count];
        var placeholders = new bool[arguments.Count];
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i] is { } arg)
            {
                args[i] = arg.Evaluate(input, env, ctx);
            }
            else
            {
                placeholders[i] = true;
            }
        }

        var proc = procedure.Evaluate(input, env, ctx);
        if (proc is FunctionValue fn)
        {
            return new PartialFunction(fn, args, placeholders);
        }

        if (proc is null && procedure is PathNode { Steps: [NameNode name] } && env.TryLookup(name.Name, out var found) && found is not null)
        {
            throw Errors.Create("T1007", Position, token: name.Name);
        }

        throw Errors.Create("T1008", Position);
    }
}

internal sealed class LambdaNode(int position, List<string> parameters, Signature? signature, Node body) : Node(position)
{
    public List<string> Parameters { get; } = parameters;

    public Signature? Signature { get; } = signature;

    public Node Body { get; } = body;

    protected override object? EvaluateCore(object? input, Frame env, EvalContext ctx) => new LambdaFunction(this, env, input);
}

/// <summary><c>value ~> fn(args)</c>: the value becomes the first argument; two functions compose.</summary>
internal sealed class ApplyNode(int position, Node lhs, Node rhs) : Node(position)
{
    protected override object? EvaluateCore(object? input, Frame env, EvalContext ctx)
    {
        var left = lhs.Evaluate(input, env, ctx);
        if (rhs is CallNode call && call.Predicates is null && call.Stages is null)
        {
            return call.Call(input, env, ctx, left, hasApplyTo: true);
        }

        var fn = rhs.Evaluate(input, env, ctx);
        if (fn is not FunctionValue function)
        {
            throw Errors.Create("T2006", Position, value: fn);
        }

        if (left is FunctionValue first)
        {
            return new ComposedFunction(first, function);
        }

        return Invoker.Apply(function, [left], input, ctx, Position);
    }
}

/// <summary><c>| pattern | update [, delete] |</c>: a function that returns a modified deep copy of its argument.</summary>
internal sealed class TransformNode(int position, Node pattern, Node update, Node? delete) : Node(position)
{
    protected override object? EvaluateCore(object? input, Frame env, EvalContext ctx) =>
        new BuiltinFunction("transform", "<(oa):o>", 1, (args, site) => Transform(args.Length > 0 ? args[0] : null, env, site.Context));

    private object? Transform(object? obj, Frame env, EvalContext ctx)
    {
        if (obj is null)
        {
            return null;
        }

        var clone = env.Lookup("clone");
        if (clone is not FunctionValue cloneFn)
        {
            throw Errors.Create("T2013", Position);
        }

        var result = Invoker.Apply(cloneFn, [obj], null, ctx, Position);
        var matches = pattern.Evaluate(result, env, ctx);
        if (matches is null)
        {
            return result;
        }

        var list = matches as JArray ?? new JArray { matches };
        foreach (var match in list)
        {
            var updateValue = update.Evaluate(match, env, ctx);
            if (updateValue is not null)
            {
                if (updateValue is not JObject updates)
                {
                    throw Errors.Create("T2011", Position, value: updateValue);
                }

                if (match is JObject target)
                {
                    foreach (var pair in updates)
                    {
                        target[pair.Key] = pair.Value;
                    }
                }
            }

            if (delete is null)
            {
                continue;
            }

            var deletions = delete.Evaluate(match, env, ctx);
            if (deletions is null)
            {
                continue;
            }

            var names = deletions as JArray ?? new JArray { deletions };
            if (!Sequences.IsArrayOfStrings(names))
            {
                throw Errors.Create("T2012", Position, value: deletions);
            }

            if (match is JObject from)
            {
                foreach (var name in names)
                {
                    from.Remove((string)name!);
                }
            }
        }

        return result;
    }
}
