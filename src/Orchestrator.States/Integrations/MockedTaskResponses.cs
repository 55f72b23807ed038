using System.Globalization;
using System.Text.Json.Nodes;
using Orchestrator.States.Json;

namespace Orchestrator.States.Integrations;

/// <summary>A mock configuration file that cannot be used; the message says what and where.</summary>
public sealed class MockConfigurationException(string message) : Exception(message);

/// <summary>One mocked response: outcomes by zero-based invocation range ("0", "1-2") of the state using it.</summary>
public sealed record MockedResponse(string Name, IReadOnlyList<MockedInvocation> Invocations)
{
    public TaskOutcome? For(int invocation)
    {
        foreach (var entry in Invocations)
        {
            if (invocation >= entry.From && invocation <= entry.To)
            {
                return entry.Fresh();
            }
        }

        return null;
    }
}

public sealed record MockedInvocation(int From, int To, TaskOutcome Outcome)
{
    // Each invocation gets its own copy of a returned object: a node over the parsed element, which copies on read.
    private readonly System.Text.Json.JsonElement? _returned = Outcome is TaskSucceeded { Output: JsonObject or JsonArray } succeeded ? JsonValues.ToElement(succeeded.Output) : null;

    /// <summary>The outcome with a result node of its own, which the caller may keep or change.</summary>
    public TaskOutcome Fresh() => _returned is { } element ? TaskOutcome.Success(JsonValues.FromElement(element)) : Outcome;
}

/// <summary>
/// Mocked Task results by state name, in AWS Step Functions Local's mock configuration format:
/// {"StateMachines":{"M":{"TestCases":{"T":{"State":"Response"}}}},"MockedResponses":{"Response":{"0":{"Return":...},"1-2":{"Throw":{"Error":..,"Cause":..}}}}}.
/// </summary>
public sealed class MockedTaskResponses
{
    private readonly Dictionary<string, MockedResponse> _byState;

    private MockedTaskResponses(Dictionary<string, MockedResponse> byState) => _byState = byState;

    public IReadOnlyCollection<string> States => _byState.Keys;

    public bool Mocks(string stateName) => _byState.ContainsKey(stateName);

    /// <summary>The mocked outcome of invocation <paramref name="invocation"/> of a state, or a failure saying none is defined.</summary>
    public TaskOutcome? For(string stateName, int invocation)
    {
        if (!_byState.TryGetValue(stateName, out var response))
        {
            return null;
        }

        return response.For(invocation) ?? TaskOutcome.Failure("States.Runtime",
            $"The mocked response '{response.Name}' for state '{stateName}' defines no result for invocation {invocation} (zero-based).");
    }

    /// <summary>Reads one test case of a Step Functions Local mock configuration file.</summary>
    public static MockedTaskResponses FromConfiguration(string json, string stateMachine, string testCase)
    {
        var root = ParseObject(json, "mock configuration");
        var machines = root["StateMachines"] as JsonObject ?? throw new MockConfigurationException("The mock configuration has no \"StateMachines\" object.");
        var responses = root["MockedResponses"] as JsonObject ?? throw new MockConfigurationException("The mock configuration has no \"MockedResponses\" object.");
        JsonObject? cases = null;
        if (machines[stateMachine] is JsonObject machine)
        {
            cases = machine["TestCases"] as JsonObject;
        }
        else if (machines.Count == 1 && machines.First().Value is JsonObject only)
        {
            // A file for exactly one state machine applies whatever name the local run was given.
            cases = only["TestCases"] as JsonObject;
        }

        if (cases is null)
        {
            throw new MockConfigurationException($"The mock configuration has no test cases for state machine '{stateMachine}' (it has: {string.Join(", ", machines.Select(m => m.Key))}).");
        }

        if (cases[testCase] is not JsonObject mapping)
        {
            throw new MockConfigurationException($"The mock configuration has no test case '{testCase}' (it has: {string.Join(", ", cases.Select(c => c.Key))}).");
        }

        var byState = new Dictionary<string, MockedResponse>(StringComparer.Ordinal);
        foreach (var (state, responseNameNode) in mapping)
        {
            if (!JsonValues.TryGetString(responseNameNode, out var responseName))
            {
                throw new MockConfigurationException($"Test case '{testCase}': state '{state}' must map to the name of a mocked response.");
            }

            if (responses[responseName] is not JsonObject response)
            {
                throw new MockConfigurationException($"Test case '{testCase}': state '{state}' uses mocked response '{responseName}', which MockedResponses does not define.");
            }

            byState[state] = ReadResponse(responseName, response);
        }

        return new MockedTaskResponses(byState);
    }

    /// <summary>Reads {"StateName": {"0": {"Return": ...}}}: mocked responses keyed directly by state name.</summary>
    public static MockedTaskResponses FromResponsesByState(string json)
    {
        var root = ParseObject(json, "mocks");
        var byState = new Dictionary<string, MockedResponse>(StringComparer.Ordinal);
        foreach (var (state, response) in root)
        {
            if (response is not JsonObject obj)
            {
                throw new MockConfigurationException($"Mocks for state '{state}' must be an object of invocation keys (\"0\", \"1-2\") to Return/Throw.");
            }

            byState[state] = ReadResponse(state, obj);
        }

        return new MockedTaskResponses(byState);
    }

    private static JsonObject ParseObject(string json, string what)
    {
        try
        {
            return JsonValues.Parse(json) as JsonObject ?? throw new MockConfigurationException($"The {what} file must hold a JSON object.");
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new MockConfigurationException($"The {what} file is not valid JSON: {ex.Message}");
        }
    }

    private static MockedResponse ReadResponse(string name, JsonObject response)
    {
        var invocations = new List<MockedInvocation>();
        foreach (var (key, value) in response)
        {
            var (from, to) = ReadRange(name, key);
            if (value is not JsonObject body)
            {
                throw new MockConfigurationException($"Mocked response '{name}', invocation '{key}': expected an object with Return or Throw.");
            }

            var hasReturn = body.TryGetPropertyValue("Return", out var returned);
            var hasThrow = body.TryGetPropertyValue("Throw", out var thrown);
            if (hasReturn == hasThrow)
            {
                throw new MockConfigurationException($"Mocked response '{name}', invocation '{key}': exactly one of Return or Throw is required.");
            }

            TaskOutcome outcome;
            if (hasReturn)
            {
                outcome = TaskOutcome.Success(JsonValues.Clone(returned));
            }
            else
            {
                var error = thrown?["Error"] is JsonValue e && JsonValues.TryGetString(e, out var es) ? es : null;
                var cause = thrown?["Cause"] is JsonValue c && JsonValues.TryGetString(c, out var cs) ? cs : null;
                if (error is null)
                {
                    throw new MockConfigurationException($"Mocked response '{name}', invocation '{key}': Throw needs a string Error.");
                }

                outcome = TaskOutcome.Failure(error, cause);
            }

            invocations.Add(new MockedInvocation(from, to, outcome));
        }

        return new MockedResponse(name, invocations);
    }

    private static (int From, int To) ReadRange(string name, string key)
    {
        var parts = key.Split('-');
        if (parts.Length is 1 or 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var from)
            && (parts.Length == 1 || int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            var to = parts.Length == 1 ? from : int.Parse(parts[1], CultureInfo.InvariantCulture);
            if (to >= from)
            {
                return (from, to);
            }
        }

        throw new MockConfigurationException($"Mocked response '{name}': invocation key '{key}' must be a zero-based number (\"0\") or range (\"1-2\").");
    }
}
