using System.Globalization;
using System.Text.Json.Nodes;
using Orchestrator.States.Errors;
using Orchestrator.States.Intrinsics;

namespace Orchestrator.States.Tests.Intrinsics;

/// <summary>
/// A stand-in for the engine in intrinsic tests: resolves <c>$</c> paths over the state input, <c>$$</c> paths over
/// a context object whose <c>Execution.Input</c> is the input, and <c>$name</c> over variables. Only the shapes the
/// tests use: <c>.name</c>, <c>['name']</c> and <c>[index]</c> segments.
/// </summary>
internal sealed class InputContext(
    JsonNode? input,
    IReadOnlyDictionary<string, JsonNode?>? variables = null,
    int seed = 7,
    JsonNode? executionInput = null) : IIntrinsicContext
{
    private readonly JsonObject _contextObject = new()
    {
        ["Execution"] = new JsonObject
        {
            ["Input"] = (executionInput ?? input)?.DeepClone(),
            ["Id"] = "arn:aws:states:eu-west-1:123456789012:execution:machine:run",
        },
    };

    public Random Random { get; } = new(seed);

    public static InputContext Of(string inputJson) => new(JsonNode.Parse(inputJson));

    public JsonNode? ResolvePath(string path)
    {
        if (path.StartsWith("$$", StringComparison.Ordinal))
        {
            return Walk(_contextObject, path, 2);
        }

        if (path.Length > 1 && path[1] != '.' && path[1] != '[')
        {
            var nameEnd = 1;
            while (nameEnd < path.Length && path[nameEnd] is not ('.' or '['))
            {
                nameEnd++;
            }

            var name = path[1..nameEnd];
            return variables is not null && variables.TryGetValue(name, out var variable)
                ? Walk(variable, path, nameEnd)
                : throw Missing(path);
        }

        return Walk(input, path, 1);
    }

    private static JsonNode? Walk(JsonNode? node, string path, int position)
    {
        while (position < path.Length)
        {
            if (path[position] == '.')
            {
                var end = position + 1;
                while (end < path.Length && path[end] is not ('.' or '['))
                {
                    end++;
                }

                node = Property(node, path[(position + 1)..end], path);
                position = end;
            }
            else if (path[position] == '[' && path[position + 1] == '\'')
            {
                var end = path.IndexOf("']", position, StringComparison.Ordinal);
                node = Property(node, path[(position + 2)..end], path);
                position = end + 2;
            }
            else if (path[position] == '[')
            {
                var end = path.IndexOf(']', position);
                var index = int.Parse(path[(position + 1)..end], CultureInfo.InvariantCulture);
                node = node is JsonArray array && index < array.Count ? array[index] : throw Missing(path);
                position = end + 1;
            }
            else
            {
                throw new InvalidOperationException("Test path syntax not supported: " + path);
            }
        }

        return node;
    }

    private static JsonNode? Property(JsonNode? node, string name, string path) =>
        node is JsonObject obj && obj.TryGetPropertyValue(name, out var value) ? value : throw Missing(path);

    private static StatesException Missing(string path) =>
        new("States.Runtime", "The JSONPath argument for the field '" + path + "' could not be found in the input");
}
