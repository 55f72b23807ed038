using Orchestrator.Jsonata.Evaluation;

namespace Orchestrator.Jsonata.Parsing;

/// <summary>The parent operator (%): which earlier step's context each % refers to, settled at compile time.</summary>
internal sealed partial class Compiler
{
    private static void PushAncestry(Node result, Node value)
    {
        if (value.SeekingParent is null && value is not ParentNode)
        {
            return;
        }

        var slots = value.SeekingParent ?? [];
        if (value is ParentNode parent)
        {
            slots.Add(parent.Slot);
        }

        if (result.SeekingParent is null)
        {
            result.SeekingParent = slots;
        }
        else
        {
            result.SeekingParent.AddRange(slots);
        }
    }

    /// <summary>Finds, for each parent operator at the end of a path, the earlier step whose context is that parent.</summary>
    private void ResolveAncestry(PathNode path)
    {
        var lastStep = path.Steps[^1];
        var slots = lastStep.SeekingParent is null ? new List<AncestorSlot>() : [.. lastStep.SeekingParent];
        if (lastStep is ParentNode parent)
        {
            slots.Add(parent.Slot);
        }

        foreach (var original in slots)
        {
            var slot = original;
            var index = path.Steps.Count - 2;
            while (slot.Level > 0)
            {
                if (index < 0)
                {
                    (path.SeekingParent ??= []).Add(slot);
                    break;
                }

                var step = path.Steps[index--];
                // contiguous steps that bind the focus are skipped together
                while (index >= 0 && step.Focus is not null && path.Steps[index].Focus is not null)
                {
                    step = path.Steps[index--];
                }

                slot = SeekParent(step, slot);
            }
        }
    }

    private AncestorSlot SeekParent(Node node, AncestorSlot slot)
    {
        switch (node)
        {
            case NameNode or WildcardNode:
                slot.Level--;
                if (slot.Level == 0)
                {
                    if (node.Ancestor is null)
                    {
                        node.Ancestor = slot;
                    }
                    else
                    {
                        // reuse the label already bound at this step
                        _ancestry[slot.Index].Slot.Label = node.Ancestor.Label;
                        node.Ancestor = slot;
                    }

                    node.Tuple = true;
                }

                break;
            case ParentNode:
                slot.Level++;
                break;
            case BlockNode block:
                if (block.Expressions.Count > 0)
                {
                    block.Tuple = true;
                    slot = SeekParent(block.Expressions[^1], slot);
                }

                break;
            case PathNode path:
                {
                    path.Tuple = true;
                    var index = path.Steps.Count - 1;
                    slot = SeekParent(path.Steps[index--], slot);
                    while (slot.Level > 0 && index >= 0)
                    {
                        slot = SeekParent(path.Steps[index--], slot);
                    }

                    break;
                }

            default:
                throw Errors.Create("S0217", node.Position, token: "%");
        }

        return slot;
    }
}
