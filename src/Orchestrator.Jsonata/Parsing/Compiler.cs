using System.Text.RegularExpressions;
using Orchestrator.Jsonata.Evaluation;
using Orchestrator.Jsonata.Functions;

namespace Orchestrator.Jsonata.Parsing;

/// <summary>
/// Turns the raw parse tree into the prepared evaluation tree: builds location paths from '.',
/// attaches predicates/stages, focus and index bindings, grouping and sorting, and marks tail calls.
/// </summary>
internal sealed partial class Compiler
{
    // every parent operator of the expression, so a shared label can be re-pointed (see SeekParent)
    private readonly List<ParentNode> _ancestry = [];
    private int _ancestorLabel;

    public static Node CompileExpression(Syntax syntax)
    {
        var compiler = new Compiler();
        var root = compiler.Compile(syntax);
        if (root.SeekingParent is not null || root is ParentNode)
        {
            throw Errors.Create("S0217", root.Position, token: "%");
        }

        return root;
    }

    private Node Compile(Syntax syntax)
    {
        var node = Build(syntax);
        if (syntax.KeepArray)
        {
            node.KeepArray = true;
        }

        return node;
    }

    private Node Build(Syntax s)
    {
        switch (s.Kind)
        {
            case "binary" when s.Value == ".":
                return BuildPath(s);
            case "binary":
                {
                    var lhs = Compile(s.Lhs!);
                    var rhs = Compile(s.Rhs!);
                    Node binary = s.Value switch
                    {
                        "+" or "-" or "*" or "/" or "%" => new ArithmeticNode(s.Position, s.Value, lhs, rhs),
                        "=" => new EqualityNode(s.Position, false, lhs, rhs),
                        "!=" => new EqualityNode(s.Position, true, lhs, rhs),
                        "<" or "<=" or ">" or ">=" => new ComparisonNode(s.Position, s.Value, lhs, rhs),
                        "and" => new BooleanNode(s.Position, true, lhs, rhs),
                        "or" => new BooleanNode(s.Position, false, lhs, rhs),
                        "&" => new ConcatNode(s.Position, lhs, rhs),
                        ".." => new RangeNode(s.Position, lhs, rhs),
                        "in" => new InNode(s.Position, lhs, rhs),
                        _ => throw Errors.Create("S0204", s.Position, token: s.Value),
                    };
                    PushAncestry(binary, lhs);
                    PushAncestry(binary, rhs);
                    return binary;
                }

            case "predicate":
                {
                    var result = Compile(s.Lhs!);
                    var predicate = Compile(s.Rhs!);
                    var step = result is PathNode path ? path.Steps[^1] : result;
                    if (step.Group is not null)
                    {
                        throw Errors.Create("S0209", s.Position);
                    }

                    if (predicate.SeekingParent is not null)
                    {
                        foreach (var slot in predicate.SeekingParent)
                        {
                            if (slot.Level == 1)
                            {
                                SeekParent(step, slot);
                            }
                            else
                            {
                                slot.Level--;
                            }
                        }

                        PushAncestry(step, predicate);
                    }

                    if (result is PathNode)
                    {
                        (step.Stages ??= []).Add(new Stage(predicate, null, s.Position));
                    }
                    else
                    {
                        (result.Predicates ??= []).Add(predicate);
                    }

                    return result;
                }

            case "group":
                {
                    var result = Compile(s.Lhs!);
                    if (result.Group is not null)
                    {
                        throw Errors.Create("S0210", s.Position);
                    }

                    result.Group = new GroupClause(BuildPairs(s), s.Position);
                    return result;
                }

            case "sort":
                {
                    var lhs = Compile(s.Lhs!);
                    var path = lhs as PathNode ?? new PathNode(lhs.Position, [lhs]);
                    var terms = s.Terms.Select(t => (t.Descending, Compile(t.Expression))).ToList();
                    var sortStep = new SortNode(s.Position, terms);
                    foreach (var term in terms)
                    {
                        PushAncestry(sortStep, term.Item2);
                    }

                    path.Steps.Add(sortStep);
                    ResolveAncestry(path);
                    return path;
                }

            case "focus":
                {
                    var result = Compile(s.Lhs!);
                    var step = result is PathNode path ? path.Steps[^1] : result;
                    if (step.Stages is not null || step.Predicates is not null)
                    {
                        throw Errors.Create("S0215", s.Position, token: "@");
                    }

                    if (step is SortNode)
                    {
                        throw Errors.Create("S0216", s.Position, token: "@");
                    }

                    if (s.KeepArray)
                    {
                        step.KeepArray = true;
                    }

                    step.Focus = s.Rhs!.Value;
                    step.Tuple = true;
                    return result is PathNode ? result : new PathNode(result.Position, [result]);
                }

            case "index":
                {
                    var result = Compile(s.Lhs!);
                    Node step;
                    if (result is PathNode path)
                    {
                        step = path.Steps[^1];
                    }
                    else
                    {
                        step = result;
                        result = new PathNode(step.Position, [step]);
                        if (step.Predicates is not null)
                        {
                            step.Stages = step.Predicates.Select(p => new Stage(p, null, p.Position)).ToList();
                            step.Predicates = null;
                        }
                    }

                    if (step.Stages is null)
                    {
                        step.IndexVariable = s.Rhs!.Value;
                    }
                    else
                    {
                        step.Stages.Add(new Stage(null, s.Rhs!.Value, s.Position));
                    }

                    step.Tuple = true;
                    return result;
                }

            case "bind":
                {
                    var value = Compile(s.Rhs!);
                    var bind = new BindNode(s.Position, s.Lhs!.Value!, value);
                    PushAncestry(bind, value);
                    return bind;
                }
            case "apply":
                {
                    var node = new ApplyNode(s.Position, Compile(s.Lhs!), Compile(s.Rhs!));
                    if (s.Lhs!.KeepArray || s.Rhs!.KeepArray)
                    {
                        node.KeepArray = true;
                    }

                    return node;
                }

            case "negate":
                {
                    var operand = Compile(s.Lhs!);
                    if (operand is LiteralNode { Value: double d } literal && literal.Predicates is null && !literal.KeepArray)
                    {
                        return new LiteralNode(s.Position, -d);
                    }

                    var negate = new NegateNode(s.Position, operand);
                    PushAncestry(negate, operand);
                    return negate;
                }

            case "array":
                {
                    var items = s.Items.Select(Compile).ToList();
                    var node = new ArrayConstructorNode(s.Position, items);
                    items.ForEach(item => PushAncestry(node, item));
                    return node;
                }

            case "object":
                {
                    var pairs = BuildPairs(s);
                    var node = new ObjectConstructorNode(s.Position, new GroupClause(pairs, s.Position));
                    foreach (var (key, value) in pairs)
                    {
                        PushAncestry(node, key);
                        PushAncestry(node, value);
                    }

                    return node;
                }
            case "block":
                {
                    var expressions = s.Items.Select(Compile).ToList();
                    var block = new BlockNode(s.Position, expressions);
                    expressions.ForEach(e => PushAncestry(block, e));
                    if (expressions.Any(e => e.ConsArray))
                    {
                        block.ConsArray = true;
                    }

                    return block;
                }

            case "condition":
                {
                    var condition = Compile(s.Condition!);
                    var then = Compile(s.Then!);
                    var otherwise = s.Else is null ? null : Compile(s.Else);
                    var node = new ConditionNode(s.Position, condition, then, otherwise);
                    PushAncestry(node, condition);
                    PushAncestry(node, then);
                    if (otherwise is not null)
                    {
                        PushAncestry(node, otherwise);
                    }

                    return node;
                }
            case "elvis":
                return new ElvisNode(s.Position, Compile(s.Lhs!), Compile(s.Rhs!));
            case "coalesce":
                return new CoalesceNode(s.Position, Compile(s.Lhs!), Compile(s.Rhs!));
            case "call":
                {
                    var args = s.Items.Select(Compile).ToList();
                    var call = new CallNode(s.Position, Compile(s.Procedure!), args);
                    args.ForEach(a => PushAncestry(call, a));
                    return call;
                }
            case "partial":
                return new PartialNode(
                    s.Position,
                    Compile(s.Procedure!),
                    s.Items.Select(a => a.Kind == "placeholder" ? null : Compile(a)).ToList());
            case "lambda":
                {
                    var body = Compile(s.Body!);
                    MarkTailCalls(body);
                    var signature = s.Signature is null ? null : Signature.Parse(s.Signature, s.Position);
                    return new LambdaNode(s.Position, s.Items.Select(p => p.Value!).ToList(), signature, body);
                }

            case "transform":
                return new TransformNode(s.Position, Compile(s.Pattern!), Compile(s.Update!), s.Delete is null ? null : Compile(s.Delete));
            case "name":
                {
                    var path = new PathNode(s.Position, [new NameNode(s.Position, s.Value!) { KeepArray = s.KeepArray }]);
                    if (s.KeepArray)
                    {
                        path.KeepSingletonArray = true;
                    }

                    return path;
                }

            case "string":
                return new LiteralNode(s.Position, s.Value);
            case "number":
                return new LiteralNode(s.Position, s.Number);
            case "value":
                return new LiteralNode(s.Position, s.Value switch { "true" => Boxes.True, "false" => Boxes.False, _ => JNull.Value });
            case "regex":
                return new RegexNode(s.Position, new RegexFunction(BuildRegex(s)));
            case "variable":
                return new VariableNode(s.Position, s.Value!);
            case "wildcard":
                return new WildcardNode(s.Position);
            case "descendant":
                return new DescendantNode(s.Position);
            case "parent":
                {
                    var parent = new ParentNode(s.Position, new AncestorSlot("!" + _ancestorLabel++, 1, _ancestry.Count));
                    _ancestry.Add(parent);
                    return parent;
                }
            default:
                throw Errors.Create("S0206", s.Position, token: s.Kind);
        }
    }

    private List<(Node Key, Node Value)> BuildPairs(Syntax s) =>
        s.Pairs.Select(p => (Compile(p.Key), Compile(p.Value))).ToList();
}
