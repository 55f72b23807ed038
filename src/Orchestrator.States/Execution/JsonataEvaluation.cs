using System.Globalization;
using System.Text.Json.Nodes;
using Orchestrator.Jsonata;
using Orchestrator.States.Errors;
using Orchestrator.States.Json;
using Orchestrator.States.Model;

namespace Orchestrator.States.Execution;

/// <summary>
/// Evaluates the JSONata fields of one state at one point of its run: <c>$states</c> holds input, context and, where
/// AWS makes them available, result or errorOutput; <c>$name</c> reads the workflow variables as they are now (before
/// this state's own Assign takes effect). Every failure is States.QueryEvaluationError, worded as AWS words it.
/// </summary>
internal sealed class JsonataEvaluation
{
    /// <summary>
    /// Evaluation steps one expression may take: a runaway expression (an endless tail call) fails the state with
    /// D1012 instead of hanging the execution. A wall-clock timeout would not do: the engine's clock may be virtual.
    /// </summary>
    public const long MaxSteps = 20_000_000;

    private readonly JsonataBindings _bindings;

    private JsonataEvaluation(JsonataBindings bindings) => _bindings = bindings;

    /// <summary>$states.input and $states.context only (Arguments, Condition, Items, ItemSelector, Wait, Fail, numbers).</summary>
    public static JsonataEvaluation Of(StateRun run, JsonNode? input) => Create(run, input, null);

    /// <summary>Adds $states.result (Output and Assign of Task, Parallel and Map).</summary>
    public static JsonataEvaluation WithResult(StateRun run, JsonNode? input, JsonNode? result) =>
        Create(run, input, new KeyValuePair<string, JsonNode?>("result", result));

    /// <summary>Adds $states.errorOutput (Output and Assign of a Catcher).</summary>
    public static JsonataEvaluation WithErrorOutput(StateRun run, JsonNode? input, JsonObject errorOutput) =>
        Create(run, input, new KeyValuePair<string, JsonNode?>("errorOutput", errorOutput));

    private static JsonataEvaluation Create(StateRun run, JsonNode? input, KeyValuePair<string, JsonNode?>? extra)
    {
        var execution = run.Frame.Execution;
        // A seeded engine makes $random and $uuid repeatable; otherwise the shared source avoids making a Random per execution.
        var random = execution.Options.RandomSeed is null ? null : execution.Random;
        var bindings = StepFunctionsJsonataFunctions.Register(new JsonataBindings { TimeProvider = execution.Time, Random = random, MaxSteps = MaxSteps });

        // AWS leaves $eval out of its JSONata library ($parse replaces it): calling it is "not a function" (T1006).
        bindings.Bind("eval", null);
        foreach (var (name, value) in run.Frame.Variables.Visible())
        {
            bindings.Bind(name, value);
        }

        // The members are read, not copied, and only when an expression first uses $states.
        var states = new List<KeyValuePair<string, JsonNode?>>(3) { new("input", input), new("context", run.Context) };
        if (extra is { } member)
        {
            states.Add(member);
        }

        bindings.BindObject("states", states);
        return new JsonataEvaluation(bindings);
    }

    /// <summary>
    /// The value of a field: literals as written, each expression evaluated. <paramref name="location"/> names the
    /// field as AWS does in causes: "Output", "Assign/x", "Arguments/a/b[0]".
    /// </summary>
    public JsonNode? Evaluate(JsonataTemplate template, string location)
    {
        switch (template)
        {
            case JsonataLiteral literal:
                return JsonValues.Clone(literal.Value);
            case JsonataExpressionTemplate expression:
                return Required(expression, location);
            case JsonataObjectTemplate obj:
                var result = new JsonObject();
                foreach (var (key, value) in obj.Fields)
                {
                    result[key] = Evaluate(value, location + "/" + key);
                }

                return result;
            case JsonataArrayTemplate array:
                var items = new JsonArray();
                for (var i = 0; i < array.Items.Count; i++)
                {
                    items.Add(Evaluate(array.Items[i], string.Create(CultureInfo.InvariantCulture, $"{location}[{i}]")));
                }

                return items;
            default:
                throw new InvalidOperationException("Unknown JSONata template " + template.GetType().Name);
        }
    }

    /// <summary>A field that must be an integer within [min, max] (TimeoutSeconds, MaxConcurrency, Seconds, ...).</summary>
    public long Integer(JsonataTemplate template, string field, long min, long max = long.MaxValue)
    {
        var value = Evaluate(template, field);
        if (!JsonValues.TryGetDouble(value, out var number) || !double.IsInteger(number))
        {
            throw UnexpectedType(template, field, "integer", value);
        }

        if (number < min || number > max)
        {
            throw OutOfRange(template, field, value, max == long.MaxValue
                ? string.Create(CultureInfo.InvariantCulture, $"an integer >= {min}")
                : string.Create(CultureInfo.InvariantCulture, $"an integer between {min} and {max}"));
        }

        return (long)number;
    }

    /// <summary>A field that must be a number within [min, max] (ToleratedFailurePercentage).</summary>
    public double Number(JsonataTemplate template, string field, double min, double max)
    {
        var value = Evaluate(template, field);
        if (!JsonValues.TryGetDouble(value, out var number))
        {
            throw UnexpectedType(template, field, "number", value);
        }

        if (number < min || number > max)
        {
            throw OutOfRange(template, field, value, string.Create(CultureInfo.InvariantCulture, $"a number between {min} and {max}"));
        }

        return number;
    }

    /// <summary>A field that must be a string (Fail Error and Cause).</summary>
    public string Text(JsonataTemplate template, string field)
    {
        var value = Evaluate(template, field);
        return JsonValues.TryGetString(value, out var text) ? text : throw UnexpectedType(template, field, "string", value);
    }

    /// <summary>
    /// "The JSONata expression '1' specified for the field 'Items' returned an unexpected result type. Expected 'array',
    /// but was 'number' for value: 1" (AWS's wording, recorded in the conformance corpus).
    /// </summary>
    public static StatesException UnexpectedType(JsonataTemplate template, string field, string expected, JsonNode? value) =>
        new(StatesErrorNames.QueryEvaluationError,
            $"{Describe(template, field)} returned an unexpected result type. Expected '{expected}', but was '{JsonValues.TypeName(value)}' for value: {JsonValues.ToJson(value)}")
        {
            Location = field,
        };

    private static StatesException OutOfRange(JsonataTemplate template, string field, JsonNode? value, string expected) =>
        new(StatesErrorNames.QueryEvaluationError, $"{Describe(template, field)} returned {JsonValues.ToJson(value)}, but the field must be {expected}.") { Location = field };

    private static string Describe(JsonataTemplate template, string field) =>
        template is JsonataExpressionTemplate e
            ? $"The JSONata expression '{e.Text}' specified for the field '{field}'"
            : $"The value specified for the field '{field}'";

    private JsonNode? Required(JsonataExpressionTemplate expression, string location)
    {
        JsonataResult result;
        try
        {
            result = expression.Expression.EvaluateWithoutInput(_bindings);
        }
        catch (JsonataException ex)
        {
            throw new StatesException(StatesErrorNames.QueryEvaluationError,
                $"The JSONata expression '{expression.Text}' specified for the field '{location}' threw an error during evaluation. {ex.Code}: {ex.Message}")
            {
                Location = location,
            };
        }

        if (result.IsFunction)
        {
            throw new StatesException(StatesErrorNames.QueryEvaluationError,
                $"The JSONata expression '{expression.Text}' specified for the field '{location}' returned an unsupported result type.")
            {
                Location = location,
            };
        }

        if (!result.IsDefined)
        {
            throw new StatesException(StatesErrorNames.QueryEvaluationError,
                $"The JSONata expression '{expression.Text}' specified for the field '{location}' returned nothing (undefined).")
            {
                Location = location,
            };
        }

        return result.Value;
    }
}
