using Orchestrator.Jsonata.Evaluation;

namespace Orchestrator.Jsonata.Parsing;

/// <summary>Location paths: '.' flattens into one path of steps.</summary>
internal sealed partial class Compiler
{
    private PathNode BuildPath(Syntax s)
    {
        var lstep = Compile(s.Lhs!);
        var path = lstep as PathNode ?? new PathNode(lstep.Position, [lstep]);
        if (lstep is ParentNode parentStep)
        {
            path.SeekingParent = [parentStep.Slot];
        }

        var rest = Compile(s.Rhs!);
        if (rest is PathNode restPath)
        {
            path.Steps.AddRange(restPath.Steps);
        }
        else
        {
            if (rest.Predicates is not null)
            {
                rest.Stages = rest.Predicates.Select(p => new Stage(p, null, p.Position)).ToList();
                rest.Predicates = null;
            }

            path.Steps.Add(rest);
        }

        for (var i = 0; i < path.Steps.Count; i++)
        {
            var step = path.Steps[i];
            if (step is LiteralNode literal)
            {
                if (literal.Value is string text)
                {
                    path.Steps[i] = new NameNode(literal.Position, text)
                    {
                        Predicates = literal.Predicates,
                        Stages = literal.Stages,
                        Group = literal.Group,
                        KeepArray = literal.KeepArray,
                        Focus = literal.Focus,
                        IndexVariable = literal.IndexVariable,
                        Tuple = literal.Tuple,
                    };
                }
                else
                {
                    throw Errors.Create("S0213", literal.Position, value: literal.Value);
                }
            }
        }

        if (path.Steps.Any(step => step.KeepArray))
        {
            path.KeepSingletonArray = true;
        }

        if (path.Steps[0] is ArrayConstructorNode first)
        {
            first.ConsArray = true;
        }

        if (path.Steps[^1] is ArrayConstructorNode last)
        {
            last.ConsArray = true;
        }

        ResolveAncestry(path);
        return path;
    }
}
