namespace Orchestrator.Jsonata.Evaluation;

internal sealed class LiteralNode(int position, object? value) : Node(position)
{
    public object? Value { get; } = value;

    protected override object? EvaluateCore(object? input, Frame env, EvalContext ctx) => Value;
}

/// <summary><c>$name</c>; <c>$</c> alone is the context item and <c>$$</c> the root input.</summary>
internal sealed class VariableNode(int position, string name) : Node(position)
{
    public string Name { get; } = name;

    protected override object? EvaluateCore(object? input, Frame env, EvalContext ctx)
    {
        if (Name.Length == 0)
        {
            return input is JArray { OuterWrapper: true } wrapper ? wrapper[0] : input;
        }

        return env.Lookup(Name);
    }
}

internal sealed class NegateNode(int position, Node operand) : Node(position)
{
    protected override object? EvaluateCore(object? input, Frame env, EvalContext ctx)
    {
        var value = operand.Evaluate(input, env, ctx);
        if (value is null)
        {
            return null;
        }

        if (Sequences.IsNumeric(value, Position))
        {
            return -(double)value;
        }

        throw Errors.Create("D1002", Position, value: value);
    }
}

internal sealed class ArithmeticNode(int position, string op, Node lhs, Node rhs) : Node(position)
{
    protected override object? EvaluateCore(object? input, Frame env, EvalContext ctx)
    {
        var left = lhs.Evaluate(input, env, ctx);
        var right = rhs.Evaluate(input, env, ctx);
        if (left is not null && !Sequences.IsNumeric(left, Position))
        {
            throw Errors.Create("T2001", Position, token: op, value: left);
        }

        if (right is not null && !Sequences.IsNumeric(right, Position))
        {
            throw Errors.Create("T2002", Position, token: op, value: right);
        }

        if (left is null || right is null)
        {
            return null;
        }

        var l = (double)left;
        var r = (double)right;
        return op switch
        {
            "+" => l + r,
            "-" => l - r,
            "*" => l * r,
            "/" => l / r,
            _ => l % r,
        };
    }
}

internal sealed class EqualityNode(int position, bool negate, Node lhs, Node rhs) : Node(position)
{
    protected override object? EvaluateCore(object? input, Frame env, EvalContext ctx)
    {
        var left = lhs.Evaluate(input, env, ctx);
        var right = rhs.Evaluate(input, env, ctx);
        if (left is null || right is null)
        {
            return Boxes.False;
        }

        return Boxes.Bool(Sequences.DeepEquals(left, right) != negate);
    }
}

internal sealed class ComparisonNode(int position, string op, Node lhs, Node rhs) : Node(position)
{
    protected override object? EvaluateCore(object? input, Frame env, EvalContext ctx)
    {
        var left = lhs.Evaluate(input, env, ctx);
        var right = rhs.Evaluate(input, env, ctx);
        var leftOk = left is null or string or double;
        var rightOk = right is null or string or double;
        if (!leftOk || !rightOk)
        {
            throw Errors.Create("T2010", Position, token: op, value: !leftOk ? left : right);
        }

        if (left is null || right is null)
        {
            return null;
        }

        if (left.GetType() != right.GetType())
        {
            throw Errors.Create("T2009", Position, token: op, value: left, value2: right);
        }

        int c;
        if (left is string ls)
        {
            c = string.CompareOrdinal(ls, (string)right);
        }
        else
        {
            var l = (double)left;
            var r = (double)right;
            return Boxes.Bool(op switch
            {
                "<" => l < r,
                "<=" => l <= r,
                ">" => l > r,
                _ => l >= r,
            });
        }

        return Boxes.Bool(op switch
        {
            "<" => c < 0,
            "<=" => c <= 0,
            ">" => c > 0,
            _ => c >= 0,
        });
    }
}

internal sealed class BooleanNode(int position, bool isAnd, Node lhs, Node rhs) : Node(position)
{
    protected override object? EvaluateCore(object? input, Frame env, EvalContext ctx)
    {
        var left = Sequences.IsTruthy(lhs.Evaluate(input, env, ctx));
        if (isAnd && !left)
        {
            return Boxes.False;
        }

        if (!isAnd && left)
        {
            return Boxes.True;
        }

        return Boxes.Bool(Sequences.IsTruthy(rhs.Evaluate(input, env, ctx)));
    }
}

internal sealed class ConcatNode(int position, Node lhs, Node rhs) : Node(position)
{
    protected override object? EvaluateCore(object? input, Frame env, EvalContext ctx)
    {
        var left = lhs.Evaluate(input, env, ctx);
        var right = rhs.Evaluate(input, env, ctx);
        var l = left is null ? string.Empty : StringCast.Of(left, Position);
        var r = right is null ? string.Empty : StringCast.Of(right, Position);
        return string.Concat(l, r);
    }
}

internal sealed class RangeNode(int position, Node lhs, Node rhs) : Node(position)
{
    private const double MaxSize = 1e7;

    protected override object? EvaluateCore(object? input, Frame env, EvalContext ctx)
    {
        var left = lhs.Evaluate(input, env, ctx);
        var right = rhs.Evaluate(input, env, ctx);
        if (left is not null && !(left is double l0 && double.IsInteger(l0)))
        {
            throw Errors.Create("T2003", Position, value: left);
        }

        if (right is not null && !(right is double r0 && double.IsInteger(r0)))
        {
            throw Errors.Create("T2004", Position, value: right);
        }

        if (left is null || right is null)
        {
            return null;
        }

        var l = (double)left;
        var r = (double)right;
        if (l > r)
        {
            return null;
        }

        var size = r - l + 1;
        if (size > MaxSize)
        {
            throw Errors.Create("D2014", Position, value: size);
        }

        var result = new JArray((int)size) { IsSequence = true };
        for (var i = 0; i < (int)size; i++)
        {
            result.Add(l + i);
        }

        return result;
    }
}

internal sealed class InNode(int position, Node lhs, Node rhs) : Node(position)
{
    protected override object? EvaluateCore(object? input, Frame env, EvalContext ctx)
    {
        var left = lhs.Evaluate(input, env, ctx);
        var right = rhs.Evaluate(input, env, ctx);
        if (left is null || right is null)
        {
            return Boxes.False;
        }

        if (right is JArray array)
        {
            foreach (var item in array)
            {
                if (Sequences.StrictEquals(item, left))
                {
                    return Boxes.True;
                }
            }

            return Boxes.False;
        }

        return Boxes.Bool(Sequences.StrictEquals(right, left));
    }
}

internal sealed class ConditionNode(int position, Node condition, Node then, Node? otherwise) : Node(position)
{
    public Node Then { get; } = then;

    public Node? Else { get; } = otherwise;

    protected override object? EvaluateCore(object? input, Frame env, EvalContext ctx)
    {
        var test = condition.Evaluate(input, env, ctx);
        if (Sequences.IsTruthy(test))
        {
            return Then.Evaluate(input, env, ctx);
        }

        return Else?.Evaluate(input, env, ctx);
    }
}

/// <summary><c>a ?: b</c>: a when it is truthy, otherwise b.</summary>
internal sealed class ElvisNode(int position, Node lhs, Node rhs) : Node(position)
{
    protected override object? EvaluateCore(object? input, Frame env, EvalContext ctx)
    {
        var left = lhs.Evaluate(input, env, ctx);
        return Sequences.IsTruthy(left) ? left : rhs.Evaluate(input, env, ctx);
    }
}

/// <summary><c>a ?? b</c>: a when it is defined, otherwise b.</summary>
internal sealed class CoalesceNode(int position, Node lhs, Node rhs) : Node(position)
{
    protected override object? EvaluateCore(object? input, Frame env, EvalContext ctx) =>
        lhs.Evaluate(input, env, ctx) ?? rhs.Evaluate(input, env, ctx);
}

/// <summary><c>( a; b; c )</c>: a new scope; the value is the last expression's.</summary>
internal sealed class BlockNode(int position, List<Node> expressions) : Node(position)
{
    public List<Node> Expressions { get; } = expressions;

    protected override object? EvaluateCore(object? input, Frame env, EvalContext ctx)
    {
        var scope = new Frame(env);
        object? result = null;
        foreach (var expression in Expressions)
        {
            result = expression.Evaluate(input, scope, ctx);
        }

        return result;
    }
}

internal sealed class BindNode(int position, string name, Node value) : Node(position)
{
    protected override object? EvaluateCore(object? input, Frame env, EvalContext ctx)
    {
        var result = value.Evaluate(input, env, ctx);
        env.Bind(name, result);
        return result;
    }
}

/// <summary><c>[a, b, ...]</c>: members are appended (sequences flattened), nested constructors kept as arrays.</summary>
internal sealed class ArrayConstructorNode(int position, List<Node> items) : Node(position)
{
    protected override object? EvaluateCore(object? input, Frame env, EvalContext ctx)
    {
        var result = new JArray(items.Count);
        foreach (var item in items)
        {
            var value = item.Evaluate(input, env, ctx);
            if (value is null)
            {
                continue;
            }

            if (item is ArrayConstructorNode || value is not JArray array)
            {
                result.Add(value);
            }
            else
            {
                result.AddRange(array);
            }
        }

        if (ConsArray)
        {
            result.Cons = true;
        }

        return result;
    }
}

/// <summary><c>{k: v, ...}</c> is a grouping over the context (one group when the context is not an array).</summary>
internal sealed class ObjectConstructorNode(int position, GroupClause clause) : Node(position)
{
    protected override object? EvaluateCore(object? input, Frame env, EvalContext ctx) =>
        Sequences.GroupBy(clause, input, env, ctx);
}

internal sealed class RegexNode(int position, RegexFunction regex) : Node(position)
{
    protected override object? EvaluateCore(object? input, Frame env, EvalContext ctx) => regex;
}

/// <summary>The parent operator <c>%</c>: the context item of the step its slot was resolved to.</summary>
internal sealed class ParentNode(int position, AncestorSlot slot) : Node(position)
{
    public AncestorSlot Slot { get; } = slot;

    protected override object? EvaluateCore(object? input, Frame env, EvalContext ctx) => env.Lookup(Slot.Label);
}
