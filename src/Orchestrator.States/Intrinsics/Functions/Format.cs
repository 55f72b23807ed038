using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.States.Intrinsics.Values;

namespace Orchestrator.States.Intrinsics.Functions;

/// <summary>
/// <c>States.Format(template, values...)</c>: replace each <c>{}</c> in the template with the next value rendered as
/// text. The template is a string literal (escaped <c>\{</c> and <c>\}</c> are literal braces) or a path to a string.
/// </summary>
internal sealed class Format : IIntrinsicFunction
{
    public string Name => "States.Format";

    public Arity Arity => Arity.AtLeast(1);

    public JsonNode? Invoke(IntrinsicArguments arguments, IIntrinsicContext context)
    {
        var template = arguments.Argument(0).EscapedText ?? arguments.String(0);
        var text = new StringBuilder(template.Length);
        var nextValue = 1;
        for (var i = 0; i < template.Length; i++)
        {
            switch (template[i])
            {
                case '\\' when i + 1 < template.Length:
                    text.Append(template[++i]);
                    break;
                case '{' when i + 1 < template.Length && template[i + 1] == '}':
                    // "There must be as many remaining arguments ... as there are occurrences of {}."
                    if (nextValue >= arguments.Count)
                    {
                        throw arguments.Invalid();
                    }

                    text.Append(FormatText.Render(arguments.Value(nextValue++)));
                    i++;
                    break;
                case '{' or '}':
                    // A lone brace is neither a placeholder nor escaped; AWS fails the call.
                    throw arguments.Invalid();
                default:
                    text.Append(template[i]);
                    break;
            }
        }

        return nextValue == arguments.Count ? JsonValue.Create(text.ToString()) : throw arguments.Invalid();
    }
}
