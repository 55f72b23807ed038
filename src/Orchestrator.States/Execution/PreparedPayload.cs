using System.Text.Json.Nodes;
using Orchestrator.States.Model;

namespace Orchestrator.States.Execution;

/// <summary>
/// A Task's Parameters, checked and resolved when the state runs but made into nodes only when something reads them:
/// the integration that runs the task, or the history when it is printed. A mocked task reads neither, and building
/// the dozens of small objects of a DynamoDB call was most of a run-job state's cost. Every path and intrinsic is
/// evaluated up front (so a missing path fails the state exactly as before); the build only places the values, and
/// the engine never changes a node after it was made, so a later build sees what the state saw.
/// </summary>
internal sealed class PreparedPayload
{
    private readonly PayloadTemplate? _template;
    private readonly List<JsonNode?>? _values;
    private readonly Lock _gate = new();
    private JsonNode? _node;
    private bool _built;

    private PreparedPayload(PayloadTemplate? template, List<JsonNode?>? values, JsonNode? node, bool built)
    {
        _template = template;
        _values = values;
        _node = node;
        _built = built;
    }

    /// <summary>An already evaluated payload (the effective input, or a JSONata result).</summary>
    public static PreparedPayload Of(JsonNode? node) => new(null, null, node, true);

    /// <summary>Resolves every path and evaluates every intrinsic of <paramref name="template"/> now; builds later.</summary>
    public static PreparedPayload Prepare(PayloadTemplate template, JsonNode? document, StateRun run)
    {
        var values = new List<JsonNode?>(8);
        JsonPathDataFlow.Resolve(template, new PathEvaluation(document, run), values);
        return new PreparedPayload(template, values, null, false);
    }

    /// <summary>The payload as a node (built on first read; the same node afterwards).</summary>
    public JsonNode? Node
    {
        get
        {
            lock (_gate)
            {
                if (!_built)
                {
                    var next = 0;
                    _node = JsonPathDataFlow.Place(_template!, _values!, ref next);
                    _built = true;
                }

                return _node;
            }
        }
    }
}
