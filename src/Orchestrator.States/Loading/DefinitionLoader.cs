using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.States.Errors;
using Orchestrator.States.Intrinsics;
using Orchestrator.States.Json;
using Orchestrator.States.Model;
using Orchestrator.States.Paths;

namespace Orchestrator.States.Loading;

/// <summary>
/// Reads an ASL definition once, collecting every problem with its JSON pointer, and builds the immutable model.
/// A definition with any problem yields no model: an invalid definition never runs.
/// </summary>
public sealed class DefinitionLoader
{
    private static readonly string[] TopLevelFields = ["Comment", "StartAt", "States", "Version", "TimeoutSeconds", "QueryLanguage"];
    private static readonly string[] WorkflowFields = ["Comment", "StartAt", "States", "ProcessorConfig", "QueryLanguage"];
    private static readonly string[] SharedFields = ["Type", "Comment", "QueryLanguage"];
    private static readonly string[] WaitFields = ["Seconds", "SecondsPath", "Timestamp", "TimestampPath"];
    private static readonly (string, string)[] FailPairs = [("Error", "ErrorPath"), ("Cause", "CausePath")];
    private static readonly string[] DistributedOnlyFields = ["ItemReader", "ResultWriter", "ItemBatcher"];
    private static readonly string[] JsonataOnlyFields = ["Output", "Arguments", "Items"];

    private static readonly Dictionary<string, string[]> FieldsByType = new(StringComparer.Ordinal)
    {
        ["Pass"] = ["Next", "End", "InputPath", "OutputPath", "Parameters", "Result", "ResultPath", "Assign", "Output"],
        ["Task"] = ["Next", "End", "Resource", "InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch",
            "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath", "Credentials", "Assign", "Arguments", "Output"],
        ["Choice"] = ["Choices", "Default", "InputPath", "OutputPath", "Assign", "Output"],
        ["Wait"] = ["Next", "End", "Seconds", "SecondsPath", "Timestamp", "TimestampPath", "InputPath", "OutputPath", "Assign", "Output"],
        ["Succeed"] = ["InputPath", "OutputPath", "Output"],
        ["Fail"] = ["Error", "ErrorPath", "Cause", "CausePath"],
        ["Parallel"] = ["Next", "End", "Branches", "InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch",
            "Assign", "Arguments", "Output"],
        ["Map"] = ["Next", "End", "Iterator", "ItemProcessor", "ItemsPath", "ItemSelector", "Parameters", "ItemReader", "ItemBatcher",
            "ResultWriter", "MaxConcurrency", "MaxConcurrencyPath", "ToleratedFailureCount", "ToleratedFailureCountPath",
            "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "Label", "InputPath", "OutputPath", "ResultSelector",
            "ResultPath", "Retry", "Catch", "Assign", "Items", "Arguments", "Output"],
    };

    private static readonly Dictionary<string, ComparisonOperator> Operators = Enum.GetValues<ComparisonOperator>()
        .ToDictionary(o => o.ToString(), o => o, StringComparer.Ordinal);

    private readonly List<ValidationProblem> _problems = [];
    private readonly List<UnsupportedFeature> _unsupported = [];
    private readonly Dictionary<string, string> _stateNames = new(StringComparer.Ordinal);

    private DefinitionLoader()
    {
    }

    /// <summary>Parses and validates definition text.</summary>
    public static LoadResult Load(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        JsonNode? node;
        try
        {
            node = JsonValues.Parse(text);
        }
        catch (JsonException ex)
        {
            return new LoadResult { Problems = [new ValidationProblem("", "The definition is not valid JSON: " + ex.Message)] };
        }

        return new DefinitionLoader().LoadRoot(node, text);
    }

    private LoadResult LoadRoot(JsonNode? node, string text)
    {
        if (node is not JsonObject root)
        {
            return new LoadResult { Problems = [new ValidationProblem("", "The definition must be a JSON object.")] };
        }

        CheckFields(root, "", TopLevelFields);
        var language = ReadQueryLanguage(root, "", QueryLanguage.JsonPath);
        if (root.TryGetPropertyValue("Version", out var version) && !JsonValues.IsString(version))
        {
            Problem("/Version", "Version must be a string.");
        }

        int? timeout = null;
        if (root.TryGetPropertyValue("TimeoutSeconds", out var timeoutNode))
        {
            if (JsonValues.TryGetInt64(timeoutNode, out var t) && t > 0 && t <= 99999999)
            {
                timeout = (int)t;
            }
            else
            {
                Problem("/TimeoutSeconds", "TimeoutSeconds must be a positive integer.");
            }
        }

        var workflow = ReadWorkflow(root, "", language);
        var result = new LoadResult { Problems = _problems.ToList(), Unsupported = _unsupported.ToList() };
        if (_problems.Count > 0 || workflow is null)
        {
            return result;
        }

        return result with
        {
            Definition = new StateMachineDefinition
            {
                Root = workflow,
                QueryLanguage = language,
                Comment = (root["Comment"] as JsonValue)?.ToString(),
                TimeoutSeconds = timeout,
                Text = text,
            },
        };
    }

    private void Problem(string pointer, string message) => _problems.Add(new ValidationProblem(pointer, message));

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private void CheckFields(JsonObject obj, string pointer, IEnumerable<string> allowed)
    {
        var set = new HashSet<string>(allowed, StringComparer.Ordinal);
        foreach (var (key, _) in obj)
        {
            if (!set.Contains(key))
            {
                Problem(pointer + "/" + Escape(key), $"Field '{key}' is not supported here.");
            }
        }
    }

    private QueryLanguage ReadQueryLanguage(JsonObject obj, string pointer, QueryLanguage inherited)
    {
        if (!obj.TryGetPropertyValue("QueryLanguage", out var node))
        {
            return inherited;
        }

        var text = JsonValues.TryGetString(node, out var s) ? s : null;
        switch (text)
        {
            case "JSONPath":
                if (inherited == QueryLanguage.Jsonata && pointer.Length > 0)
                {
                    Problem(pointer + "/QueryLanguage", "A state cannot use JSONPath when the state machine's QueryLanguage is JSONata.");
                }

                return QueryLanguage.JsonPath;
            case "JSONata":
                _unsupported.Add(new UnsupportedFeature(pointer + "/QueryLanguage", UnsupportedFeature.Jsonata,
                    "JSONata is not supported yet: " + (pointer.Length == 0 ? "the state machine" : "state " + pointer) + " uses QueryLanguage JSONata."));
                return QueryLanguage.Jsonata;
            default:
                Problem(pointer + "/QueryLanguage", "QueryLanguage must be \"JSONPath\" or \"JSONata\".");
                return inherited;
        }
    }

    private Workflow? ReadWorkflow(JsonObject obj, string pointer, QueryLanguage language)
    {
        if (pointer.Length > 0)
        {
            CheckFields(obj, pointer, WorkflowFields);
        }

        string? startAt = null;
        if (!obj.TryGetPropertyValue("StartAt", out var startNode))
        {
            Problem(pointer + "/StartAt", "StartAt is required.");
        }
        else if (!JsonValues.TryGetString(startNode, out var s) || s.Length == 0)
        {
            Problem(pointer + "/StartAt", "StartAt must be a non-empty string.");
        }
        else
        {
            startAt = s;
        }

        if (!obj.TryGetPropertyValue("States", out var statesNode) || statesNode is not JsonObject statesObj)
        {
            Problem(pointer + "/States", "States is required and must be an object of state names to states.");
            return null;
        }

        if (statesObj.Count == 0)
        {
            Problem(pointer + "/States", "States must contain at least one state.");
        }

        var states = new Dictionary<string, StateDefinition>(StringComparer.Ordinal);
        foreach (var (name, stateNode) in statesObj)
        {
            var statePointer = pointer + "/States/" + Escape(name);
            if (name.Length is 0 or > 80)
            {
                Problem(statePointer, $"State name '{name}' must be 1 to 80 characters long.");
            }

            if (_stateNames.TryGetValue(name, out var other))
            {
                Problem(statePointer, $"State name '{name}' is already used at {other}; state names must be unique in the whole state machine.");
            }
            else
            {
                _stateNames[name] = statePointer;
            }

            if (stateNode is not JsonObject stateObj)
            {
                Problem(statePointer, "A state must be a JSON object.");
                continue;
            }

            var state = ReadState(name, stateObj, statePointer, language);
            if (state is not null)
            {
                states[name] = state;
            }
        }

        if (startAt is not null && statesObj.Count > 0 && !statesObj.ContainsKey(startAt))
        {
            Problem(pointer + "/StartAt", $"StartAt '{startAt}' does not name a state in States.");
        }

        CheckTransitions(states, statesObj, pointer);
        if (startAt is not null && states.ContainsKey(startAt))
        {
            CheckReachability(startAt, states);
        }

        return startAt is null ? null : new Workflow { StartAt = startAt, States = states, Pointer = pointer };
    }

    private void CheckTransitions(Dictionary<string, StateDefinition> states, JsonObject statesObj, string pointer)
    {
        foreach (var state in states.Values)
        {
            foreach (var (target, where) in Targets(state))
            {
                if (!statesObj.ContainsKey(target))
                {
                    Problem(state.Pointer + where, $"'{target}' does not name a state in the same States block ({(pointer.Length == 0 ? "/States" : pointer + "/States")}).");
                }
            }
        }
    }

    private static IEnumerable<(string Target, string Where)> Targets(StateDefinition state)
    {
        if (state.Next is not null)
        {
            yield return (state.Next, "/Next");
        }

        if (state is ChoiceState choice)
        {
            for (var i = 0; i < choice.Choices.Count; i++)
            {
                yield return (choice.Choices[i].Next, $"/Choices/{i}/Next");
            }

            if (choice.Default is not null)
            {
                yield return (choice.Default, "/Default");
            }
        }

        if (state is IResultState result)
        {
            for (var i = 0; i < result.Catch.Count; i++)
            {
                yield return (result.Catch[i].Next, $"/Catch/{i}/Next");
            }
        }
    }

    private void CheckReachability(string startAt, Dictionary<string, StateDefinition> states)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { startAt };
        var queue = new Queue<string>([startAt]);
        while (queue.Count > 0)
        {
            if (!states.TryGetValue(queue.Dequeue(), out var state))
            {
                continue;
            }

            foreach (var (target, _) in Targets(state))
            {
                if (seen.Add(target))
                {
                    queue.Enqueue(target);
                }
            }
        }

        foreach (var state in states.Values)
        {
            if (!seen.Contains(state.Name))
            {
                Problem(state.Pointer, $"State '{state.Name}' is not reachable from StartAt '{startAt}'.");
            }
        }
    }

    private StateDefinition? ReadState(string name, JsonObject obj, string pointer, QueryLanguage inherited)
    {
        if (!obj.TryGetPropertyValue("Type", out var typeNode) || !JsonValues.TryGetString(typeNode, out var type))
        {
            Problem(pointer + "/Type", "Type is required and must be a string.");
            return null;
        }

        if (!FieldsByType.TryGetValue(type, out var fields))
        {
            Problem(pointer + "/Type", $"Unknown state type '{type}'; expected one of Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map.");
            return null;
        }

        CheckFields(obj, pointer, SharedFields.Concat(fields));
        var language = ReadQueryLanguage(obj, pointer, inherited);
        if (obj.TryGetPropertyValue("Comment", out var comment) && !JsonValues.IsString(comment))
        {
            Problem(pointer + "/Comment", "Comment must be a string.");
        }

        if (language == QueryLanguage.JsonPath)
        {
            foreach (var field in JsonataOnlyFields)
            {
                if (obj.ContainsKey(field))
                {
                    Problem(pointer + "/" + field, $"Field '{field}' is only supported when the QueryLanguage is JSONata.");
                }
            }
        }

        var (next, end) = ReadTransition(obj, pointer, type);
        var common = new CommonFields(name, pointer, language, (comment as JsonValue)?.ToString(), next, end, obj);
        var jsonPath = language == QueryLanguage.JsonPath;
        return type switch
        {
            "Pass" => ReadPass(common, jsonPath),
            "Task" => ReadTask(common, jsonPath),
            "Choice" => ReadChoice(common, jsonPath),
            "Wait" => ReadWait(common, jsonPath),
            "Succeed" => Apply(new SucceedState { Name = name, Pointer = pointer, Source = obj }, common, jsonPath),
            "Fail" => ReadFail(common, jsonPath),
            "Parallel" => ReadParallel(common, jsonPath),
            _ => ReadMap(common, jsonPath),
        };
    }

    private sealed record CommonFields(string Name, string Pointer, QueryLanguage Language, string? Comment, string? Next, bool End, JsonObject Obj);

    private (string? Next, bool End) ReadTransition(JsonObject obj, string pointer, string type)
    {
        var hasNext = obj.TryGetPropertyValue("Next", out var nextNode);
        var hasEnd = obj.TryGetPropertyValue("End", out var endNode);
        string? next = null;
        var end = false;
        if (hasNext)
        {
            if (JsonValues.TryGetString(nextNode, out var n) && n.Length > 0)
            {
                next = n;
            }
            else
            {
                Problem(pointer + "/Next", "Next must be a non-empty string naming a state.");
            }
        }

        if (hasEnd)
        {
            if (JsonValues.TryGetBoolean(endNode, out var e))
            {
                end = e;
            }
            else
            {
                Problem(pointer + "/End", "End must be a boolean.");
            }
        }

        if (type is "Choice" or "Succeed" or "Fail")
        {
            return (null, false);
        }

        if (hasNext && end)
        {
            Problem(pointer, "A state cannot have both Next and End: true.");
        }
        else if (!hasNext && !end)
        {
            Problem(pointer, $"A {type} state must have Next or End: true.");
        }

        return (next, end);
    }

    private T Apply<T>(T state, CommonFields c, bool jsonPath)
        where T : StateDefinition
    {
        var withCommon = state with
        {
            QueryLanguage = c.Language,
            Comment = c.Comment,
            Next = c.Next,
            End = c.End,
        };
        if (!jsonPath)
        {
            return withCommon;
        }

        return withCommon with
        {
            InputPath = ReadPathField(c.Obj, c.Pointer, "InputPath", reference: false),
            OutputPath = ReadPathField(c.Obj, c.Pointer, "OutputPath", reference: false),
            Assign = ReadAssign(c.Obj, c.Pointer),
        };
    }

    private PayloadTemplate? ReadAssign(JsonObject obj, string pointer)
    {
        if (!obj.TryGetPropertyValue("Assign", out var node))
        {
            return null;
        }

        if (node is not JsonObject assign)
        {
            Problem(pointer + "/Assign", "Assign must be an object of variable names to values.");
            return null;
        }

        foreach (var (key, _) in assign)
        {
            var variable = key.EndsWith(".$", StringComparison.Ordinal) ? key[..^2] : key;
            if (variable.Length == 0 || !(char.IsLetter(variable[0]) || variable[0] == '_') || !variable.All(ch => char.IsLetterOrDigit(ch) || ch == '_'))
            {
                Problem(pointer + "/Assign/" + Escape(key), $"'{variable}' is not a valid variable name (letters, digits and '_', not starting with a digit).");
            }
        }

        return ReadPayload(assign, pointer + "/Assign");
    }

    private PathField ReadPathField(JsonObject obj, string pointer, string field, bool reference)
    {
        if (!obj.TryGetPropertyValue(field, out var node))
        {
            return PathField.Root;
        }

        if (node is null)
        {
            return PathField.Discard;
        }

        var path = ReadPath(node, pointer + "/" + field, field, reference);
        return path is null ? PathField.Root : new PathField(path);
    }

    private JsonPathExpression? ReadPath(JsonNode? node, string pointer, string field, bool reference)
    {
        if (!JsonValues.TryGetString(node, out var text))
        {
            Problem(pointer, $"{field} must be a string holding a path.");
            return null;
        }

        if (!JsonPathExpression.TryParse(text, out var path, out var problem))
        {
            Problem(pointer, $"{field} is not a valid path: {problem}");
            return null;
        }

        if (reference && (!path!.IsReferencePath || path.Root != PathRootKind.Input))
        {
            Problem(pointer, $"{field} must be a reference path (only '.name' and '[index]' steps from '$'): '{text}'.");
            return null;
        }

        return path;
    }

    private PayloadTemplate? ReadPayloadField(JsonObject obj, string pointer, string field)
    {
        if (!obj.TryGetPropertyValue(field, out var node))
        {
            return null;
        }

        return ReadPayload(node, pointer + "/" + field);
    }

    private PayloadTemplate ReadPayload(JsonNode? node, string pointer)
    {
        switch (node)
        {
            case JsonObject obj:
                var fields = new List<PayloadField>();
                foreach (var (key, value) in obj)
                {
                    var fieldPointer = pointer + "/" + Escape(key);
                    if (key.EndsWith(".$", StringComparison.Ordinal) && key.Length > 2)
                    {
                        fields.Add(new PayloadField(key[..^2], ReadDynamic(key, value, fieldPointer)));
                    }
                    else
                    {
                        fields.Add(new PayloadField(key, ReadPayload(value, fieldPointer)));
                    }
                }

                return new PayloadObject(fields);
            case JsonArray array:
                return new PayloadArray(array.Select((item, i) => ReadPayload(item, pointer + "/" + i.ToString(CultureInfo.InvariantCulture))).ToList());
            default:
                return new PayloadLiteral(JsonValues.Clone(node));
        }
    }

    private PayloadTemplate ReadDynamic(string key, JsonNode? value, string pointer)
    {
        if (!JsonValues.TryGetString(value, out var text))
        {
            Problem(pointer, $"The value of '{key}' must be a string holding a path or an intrinsic function call.");
            return new PayloadLiteral(null);
        }

        if (IntrinsicFunctions.IsIntrinsic(text))
        {
            foreach (var issue in IntrinsicFunctions.Validate(text))
            {
                Problem(pointer, issue);
            }

            return new PayloadIntrinsic(key, text);
        }

        if (!JsonPathExpression.TryParse(text, out var path, out var problem))
        {
            Problem(pointer, $"The value of '{key}' is neither a valid path nor an intrinsic function call: {problem}");
            return new PayloadLiteral(null);
        }

        return new PayloadPath(key, path!);
    }

    private PassState ReadPass(CommonFields c, bool jsonPath)
    {
        var state = Apply(new PassState { Name = c.Name, Pointer = c.Pointer, Source = c.Obj }, c, jsonPath);
        var hasResult = c.Obj.TryGetPropertyValue("Result", out var result);
        if (!jsonPath)
        {
            return state;
        }

        return state with
        {
            HasResult = hasResult,
            Result = JsonValues.Clone(result),
            Parameters = ReadPayloadField(c.Obj, c.Pointer, "Parameters"),
            ResultPath = ReadPathField(c.Obj, c.Pointer, "ResultPath", reference: true),
        };
    }

    private TaskState ReadTask(CommonFields c, bool jsonPath)
    {
        var resource = string.Empty;
        if (!c.Obj.TryGetPropertyValue("Resource", out var resourceNode))
        {
            Problem(c.Pointer + "/Resource", "A Task state requires Resource.");
        }
        else if (!JsonValues.TryGetString(resourceNode, out resource) || !resource.StartsWith("arn:", StringComparison.Ordinal))
        {
            Problem(c.Pointer + "/Resource", "Resource must be an ARN string (e.g. arn:aws:states:::ecs:runTask.sync).");
        }

        var state = Apply(new TaskState { Name = c.Name, Pointer = c.Pointer, Source = c.Obj, Resource = resource }, c, jsonPath) with
        {
            Retry = ReadRetry(c.Obj, c.Pointer),
            Catch = ReadCatch(c.Obj, c.Pointer, jsonPath),
            TimeoutSeconds = ReadNumberField(c.Obj, c.Pointer, "TimeoutSeconds", jsonPath, min: 1),
            HeartbeatSeconds = ReadNumberField(c.Obj, c.Pointer, "HeartbeatSeconds", jsonPath, min: 1),
            Credentials = JsonValues.Clone(c.Obj["Credentials"]),
        };
        if (state.TimeoutSeconds.Value is { } t && state.HeartbeatSeconds.Value is { } h && h >= t)
        {
            Problem(c.Pointer + "/HeartbeatSeconds", "HeartbeatSeconds must be smaller than TimeoutSeconds.");
        }

        if (!jsonPath)
        {
            return state;
        }

        return state with
        {
            Parameters = ReadPayloadField(c.Obj, c.Pointer, "Parameters"),
            ResultSelector = ReadPayloadField(c.Obj, c.Pointer, "ResultSelector"),
            ResultPath = ReadPathField(c.Obj, c.Pointer, "ResultPath", reference: true),
        };
    }

    private NumberField ReadNumberField(JsonObject obj, string pointer, string field, bool jsonPath, double min, bool integer = true, double max = double.MaxValue)
    {
        var hasValue = obj.TryGetPropertyValue(field, out var valueNode);
        var hasPath = obj.TryGetPropertyValue(field + "Path", out var pathNode);
        if (hasValue && hasPath)
        {
            Problem(pointer + "/" + field + "Path", $"{field} and {field}Path cannot both be set.");
        }

        double? value = null;
        if (hasValue)
        {
            if (JsonValues.TryGetString(valueNode, out var s) && s.StartsWith("{%", StringComparison.Ordinal) && !jsonPath)
            {
                return NumberField.None;
            }

            if (!JsonValues.TryGetDouble(valueNode, out var d) || (integer && Math.Floor(d) != d) || d < min || d > max)
            {
                Problem(pointer + "/" + field, $"{field} must be {(integer ? "an integer" : "a number")} >= {min.ToString(CultureInfo.InvariantCulture)}" +
                    (max < double.MaxValue ? $" and <= {max.ToString(CultureInfo.InvariantCulture)}." : "."));
            }
            else
            {
                value = d;
            }
        }

        JsonPathExpression? path = null;
        if (hasPath)
        {
            if (!jsonPath)
            {
                Problem(pointer + "/" + field + "Path", $"{field}Path is only supported when the QueryLanguage is JSONPath.");
            }
            else
            {
                path = ReadPath(pathNode, pointer + "/" + field + "Path", field + "Path", reference: false);
            }
        }

        return new NumberField(value, path);
    }

    private List<Retrier> ReadRetry(JsonObject obj, string pointer)
    {
        var retriers = new List<Retrier>();
        if (!obj.TryGetPropertyValue("Retry", out var node))
        {
            return retriers;
        }

        if (node is not JsonArray array)
        {
            Problem(pointer + "/Retry", "Retry must be an array of retriers.");
            return retriers;
        }

        for (var i = 0; i < array.Count; i++)
        {
            var p = $"{pointer}/Retry/{i}";
            if (array[i] is not JsonObject r)
            {
                Problem(p, "A retrier must be an object.");
                continue;
            }

            CheckFields(r, p, ["ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment"]);
            var errors = ReadErrorEquals(r, p, isLast: i == array.Count - 1, "retrier");
            var retrier = new Retrier { ErrorEquals = errors };
            if (r.TryGetPropertyValue("IntervalSeconds", out var interval))
            {
                if (JsonValues.TryGetInt64(interval, out var v) && v >= 1 && v <= 99999999)
                {
                    retrier = retrier with { IntervalSeconds = v };
                }
                else
                {
                    Problem(p + "/IntervalSeconds", "IntervalSeconds must be an integer between 1 and 99999999.");
                }
            }

            if (r.TryGetPropertyValue("MaxAttempts", out var attempts))
            {
                if (JsonValues.TryGetInt64(attempts, out var v) && v >= 0 && v <= 99999999)
                {
                    retrier = retrier with { MaxAttempts = (int)v };
                }
                else
                {
                    Problem(p + "/MaxAttempts", "MaxAttempts must be a non-negative integer (at most 99999999).");
                }
            }

            if (r.TryGetPropertyValue("BackoffRate", out var backoff))
            {
                if (JsonValues.TryGetDouble(backoff, out var v) && v >= 1.0 && v <= 99999999)
                {
                    retrier = retrier with { BackoffRate = v };
                }
                else
                {
                    Problem(p + "/BackoffRate", "BackoffRate must be a number >= 1.0.");
                }
            }

            if (r.TryGetPropertyValue("MaxDelaySeconds", out var maxDelay))
            {
                if (JsonValues.TryGetInt64(maxDelay, out var v) && v >= 1 && v <= 31622400)
                {
                    retrier = retrier with { MaxDelaySeconds = v };
                }
                else
                {
                    Problem(p + "/MaxDelaySeconds", "MaxDelaySeconds must be an integer between 1 and 31622400.");
                }
            }

            if (r.TryGetPropertyValue("JitterStrategy", out var jitter))
            {
                var text = JsonValues.TryGetString(jitter, out var s) ? s : null;
                if (text is "FULL" or "NONE")
                {
                    retrier = retrier with { Jitter = text == "FULL" ? JitterStrategy.Full : JitterStrategy.None };
                }
                else
                {
                    Problem(p + "/JitterStrategy", "JitterStrategy must be \"FULL\" or \"NONE\".");
                }
            }

            retriers.Add(retrier);
        }

        return retriers;
    }

    private List<Catcher> ReadCatch(JsonObject obj, string pointer, bool jsonPath)
    {
        var catchers = new List<Catcher>();
        if (!obj.TryGetPropertyValue("Catch", out var node))
        {
            return catchers;
        }

        if (node is not JsonArray array)
        {
            Problem(pointer + "/Catch", "Catch must be an array of catchers.");
            return catchers;
        }

        for (var i = 0; i < array.Count; i++)
        {
            var p = $"{pointer}/Catch/{i}";
            if (array[i] is not JsonObject c)
            {
                Problem(p, "A catcher must be an object.");
                continue;
            }

            CheckFields(c, p, ["ErrorEquals", "Next", "ResultPath", "Comment", "Assign", "Output"]);
            if (jsonPath && c.ContainsKey("Output"))
            {
                Problem(p + "/Output", "Field 'Output' is only supported when the QueryLanguage is JSONata.");
            }

            var errors = ReadErrorEquals(c, p, isLast: i == array.Count - 1, "catcher");
            string next = string.Empty;
            if (!c.TryGetPropertyValue("Next", out var nextNode) || !JsonValues.TryGetString(nextNode, out next) || next.Length == 0)
            {
                Problem(p + "/Next", "A catcher requires Next naming a state.");
            }

            catchers.Add(new Catcher
            {
                ErrorEquals = errors,
                Next = next,
                ResultPath = jsonPath ? ReadPathField(c, p, "ResultPath", reference: true) : PathField.Root,
                Assign = jsonPath ? ReadAssign(c, p) : null,
            });
        }

        return catchers;
    }

    private List<string> ReadErrorEquals(JsonObject obj, string pointer, bool isLast, string what)
    {
        var errors = new List<string>();
        if (!obj.TryGetPropertyValue("ErrorEquals", out var node) || node is not JsonArray array || array.Count == 0)
        {
            Problem(pointer + "/ErrorEquals", $"A {what} requires ErrorEquals: a non-empty array of error names.");
            return errors;
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (!JsonValues.TryGetString(array[i], out var name) || name.Length == 0)
            {
                Problem($"{pointer}/ErrorEquals/{i}", "An error name must be a non-empty string.");
                continue;
            }

            if (name.StartsWith("States.", StringComparison.Ordinal) && !StatesErrorNames.Known.Contains(name))
            {
                Problem($"{pointer}/ErrorEquals/{i}", $"'{name}' is not a predefined error name; names starting with 'States.' are reserved.");
            }

            errors.Add(name);
        }

        if (errors.Contains(StatesErrorNames.All))
        {
            if (array.Count > 1)
            {
                Problem(pointer + "/ErrorEquals", "States.ALL must appear alone in ErrorEquals.");
            }

            if (!isLast)
            {
                Problem(pointer + "/ErrorEquals", $"A {what} with States.ALL must be the last one.");
            }
        }

        return errors;
    }

    private ChoiceState ReadChoice(CommonFields c, bool jsonPath)
    {
        var branches = new List<ChoiceBranch>();
        if (!c.Obj.TryGetPropertyValue("Choices", out var node) || node is not JsonArray array || array.Count == 0)
        {
            Problem(c.Pointer + "/Choices", "A Choice state requires Choices: a non-empty array of rules.");
        }
        else
        {
            for (var i = 0; i < array.Count; i++)
            {
                var p = $"{c.Pointer}/Choices/{i}";
                if (array[i] is not JsonObject ruleObj)
                {
                    Problem(p, "A choice rule must be an object.");
                    continue;
                }

                string next = string.Empty;
                if (!ruleObj.TryGetPropertyValue("Next", out var nextNode) || !JsonValues.TryGetString(nextNode, out next) || next.Length == 0)
                {
                    Problem(p + "/Next", "A top-level choice rule requires Next naming a state.");
                }

                var rule = jsonPath ? ReadRule(ruleObj, p, topLevel: true) : ReadConditionRule(ruleObj, p);
                var assign = jsonPath ? ReadAssign(ruleObj, p) : null;
                if (rule is not null)
                {
                    branches.Add(new ChoiceBranch(rule, next, assign));
                }
            }
        }

        string? defaultState = null;
        if (c.Obj.TryGetPropertyValue("Default", out var defaultNode))
        {
            if (JsonValues.TryGetString(defaultNode, out var d) && d.Length > 0)
            {
                defaultState = d;
            }
            else
            {
                Problem(c.Pointer + "/Default", "Default must be a non-empty string naming a state.");
            }
        }

        return Apply(new ChoiceState { Name = c.Name, Pointer = c.Pointer, Source = c.Obj, Choices = branches, Default = defaultState }, c, jsonPath);
    }

    private ExpressionRule? ReadConditionRule(JsonObject obj, string pointer)
    {
        CheckFields(obj, pointer, ["Condition", "Next", "Comment", "Assign", "Output"]);
        if (!obj.TryGetPropertyValue("Condition", out var condition))
        {
            Problem(pointer + "/Condition", "A JSONata choice rule requires Condition.");
            return null;
        }

        return new ExpressionRule(JsonValues.Clone(condition));
    }

    private ChoiceRule? ReadRule(JsonObject obj, string pointer, bool topLevel)
    {
        var allowed = new List<string> { "Variable", "And", "Or", "Not", "Comment" };
        allowed.AddRange(Operators.Keys);
        allowed.AddRange(Operators.Keys.Where(k => !k.StartsWith("Is", StringComparison.Ordinal)).Select(k => k + "Path"));
        if (topLevel)
        {
            allowed.Add("Next");
            allowed.Add("Assign");
        }

        CheckFields(obj, pointer, allowed);
        if (!topLevel && obj.ContainsKey("Next"))
        {
            Problem(pointer + "/Next", "Only top-level choice rules may have Next.");
        }

        if (obj.TryGetPropertyValue("And", out var andNode) || obj.TryGetPropertyValue("Or", out andNode))
        {
            var isAnd = obj.ContainsKey("And");
            var key = isAnd ? "And" : "Or";
            if (obj.ContainsKey("Variable") || (isAnd && obj.ContainsKey("Or")) || obj.ContainsKey("Not"))
            {
                Problem(pointer, "A choice rule must have exactly one of And, Or, Not or a comparison.");
            }

            if (andNode is not JsonArray list || list.Count == 0)
            {
                Problem(pointer + "/" + key, $"{key} must be a non-empty array of rules.");
                return null;
            }

            var rules = new List<ChoiceRule>();
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] is JsonObject inner)
                {
                    if (ReadRule(inner, $"{pointer}/{key}/{i}", topLevel: false) is { } r)
                    {
                        rules.Add(r);
                    }
                }
                else
                {
                    Problem($"{pointer}/{key}/{i}", "A choice rule must be an object.");
                }
            }

            return isAnd ? new AndRule(rules) : new OrRule(rules);
        }

        if (obj.TryGetPropertyValue("Not", out var notNode))
        {
            if (obj.ContainsKey("Variable"))
            {
                Problem(pointer, "A choice rule must have exactly one of And, Or, Not or a comparison.");
            }

            if (notNode is not JsonObject inner)
            {
                Problem(pointer + "/Not", "Not must be a single rule object.");
                return null;
            }

            var rule = ReadRule(inner, pointer + "/Not", topLevel: false);
            return rule is null ? null : new NotRule(rule);
        }

        return ReadComparison(obj, pointer);
    }

    private ComparisonRule? ReadComparison(JsonObject obj, string pointer)
    {
        var found = new List<(string Key, ComparisonOperator Op, bool IsPath, JsonNode? Value)>();
        foreach (var (key, value) in obj)
        {
            if (Operators.TryGetValue(key, out var op))
            {
                found.Add((key, op, false, value));
            }
            else if (key.EndsWith("Path", StringComparison.Ordinal) && Operators.TryGetValue(key[..^4], out var pathOp))
            {
                found.Add((key, pathOp, true, value));
            }
        }

        if (found.Count != 1)
        {
            Problem(pointer, found.Count == 0
                ? "A choice rule needs a comparison operator (e.g. StringEquals), And, Or or Not."
                : "A choice rule must have exactly one comparison operator; found " + string.Join(", ", found.Select(f => f.Key)) + ".");
            return null;
        }

        JsonPathExpression? variable = null;
        if (!obj.TryGetPropertyValue("Variable", out var variableNode))
        {
            Problem(pointer + "/Variable", "A comparison requires Variable.");
        }
        else
        {
            variable = ReadPath(variableNode, pointer + "/Variable", "Variable", reference: false);
        }

        var (k, o, isPath, v) = found[0];
        var p = pointer + "/" + k;
        JsonPathExpression? operandPath = null;
        if (isPath)
        {
            operandPath = ReadPath(v, p, k, reference: false);
        }
        else if (!OperandFits(o, v))
        {
            Problem(p, $"{k} requires {OperandDescription(o)}.");
        }

        return variable is null ? null : new ComparisonRule(variable, o, JsonValues.Clone(isPath ? null : v), operandPath);
    }

    private static bool OperandFits(ComparisonOperator op, JsonNode? value)
    {
        var name = op.ToString();
        if (name.StartsWith("Is", StringComparison.Ordinal) || op == ComparisonOperator.BooleanEquals)
        {
            return JsonValues.IsBoolean(value);
        }

        if (name.StartsWith("Numeric", StringComparison.Ordinal))
        {
            return JsonValues.IsNumber(value);
        }

        if (name.StartsWith("Timestamp", StringComparison.Ordinal))
        {
            return JsonValues.TryGetString(value, out var s) && Timestamps.TryParse(s, out _);
        }

        return JsonValues.IsString(value);
    }

    private static string OperandDescription(ComparisonOperator op)
    {
        var name = op.ToString();
        if (name.StartsWith("Is", StringComparison.Ordinal) || op == ComparisonOperator.BooleanEquals)
        {
            return "a boolean";
        }

        if (name.StartsWith("Numeric", StringComparison.Ordinal))
        {
            return "a number";
        }

        return name.StartsWith("Timestamp", StringComparison.Ordinal) ? "an ISO-8601 timestamp string such as 2016-03-14T01:59:00Z" : "a string";
    }

    private WaitState ReadWait(CommonFields c, bool jsonPath)
    {
        var state = Apply(new WaitState { Name = c.Name, Pointer = c.Pointer, Source = c.Obj }, c, jsonPath);
        var present = WaitFields.Where(c.Obj.ContainsKey).ToList();
        if (present.Count != 1)
        {
            Problem(c.Pointer, "A Wait state requires exactly one of Seconds, SecondsPath, Timestamp, TimestampPath" +
                (present.Count > 1 ? "; found " + string.Join(", ", present) + "." : "."));
        }

        if (!jsonPath)
        {
            return state;
        }

        if (c.Obj.TryGetPropertyValue("Seconds", out var seconds))
        {
            if (JsonValues.TryGetInt64(seconds, out var s) && s >= 0 && s <= 99999999)
            {
                state = state with { Seconds = s };
            }
            else
            {
                Problem(c.Pointer + "/Seconds", "Seconds must be a non-negative integer (at most 99999999).");
            }
        }

        if (c.Obj.TryGetPropertyValue("Timestamp", out var timestamp))
        {
            if (JsonValues.TryGetString(timestamp, out var t) && Timestamps.TryParse(t, out var at))
            {
                state = state with { Timestamp = at };
            }
            else
            {
                Problem(c.Pointer + "/Timestamp", "Timestamp must be an ISO-8601 extended offset date-time string such as 2016-03-14T01:59:00Z.");
            }
        }

        if (c.Obj.TryGetPropertyValue("SecondsPath", out var secondsPath))
        {
            state = state with { SecondsPath = ReadPath(secondsPath, c.Pointer + "/SecondsPath", "SecondsPath", reference: false) };
        }

        if (c.Obj.TryGetPropertyValue("TimestampPath", out var timestampPath))
        {
            state = state with { TimestampPath = ReadPath(timestampPath, c.Pointer + "/TimestampPath", "TimestampPath", reference: false) };
        }

        return state;
    }

    private FailState ReadFail(CommonFields c, bool jsonPath)
    {
        var state = Apply(new FailState { Name = c.Name, Pointer = c.Pointer, Source = c.Obj }, c, jsonPath);
        string? ReadText(string field)
        {
            if (!c.Obj.TryGetPropertyValue(field, out var node))
            {
                return null;
            }

            if (!JsonValues.TryGetString(node, out var s))
            {
                Problem(c.Pointer + "/" + field, $"{field} must be a string.");
                return null;
            }

            return s;
        }

        string? ReadDynamicText(string field)
        {
            var text = ReadText(field);
            if (text is null || !jsonPath)
            {
                return text;
            }

            if (IntrinsicFunctions.IsIntrinsic(text))
            {
                foreach (var issue in IntrinsicFunctions.Validate(text))
                {
                    Problem(c.Pointer + "/" + field, issue);
                }
            }
            else if (!JsonPathExpression.TryParse(text, out _, out var problem))
            {
                Problem(c.Pointer + "/" + field, $"{field} is neither a valid path nor an intrinsic function call: {problem}");
            }

            return text;
        }

        foreach (var (a, b) in FailPairs)
        {
            if (c.Obj.ContainsKey(a) && c.Obj.ContainsKey(b))
            {
                Problem(c.Pointer + "/" + b, $"{a} and {b} cannot both be set.");
            }
        }

        return state with { Error = ReadText("Error"), Cause = ReadText("Cause"), ErrorPath = ReadDynamicText("ErrorPath"), CausePath = ReadDynamicText("CausePath") };
    }

    private ParallelState ReadParallel(CommonFields c, bool jsonPath)
    {
        var branches = new List<Workflow>();
        if (!c.Obj.TryGetPropertyValue("Branches", out var node) || node is not JsonArray array || array.Count == 0)
        {
            Problem(c.Pointer + "/Branches", "A Parallel state requires Branches: a non-empty array of state machines.");
        }
        else
        {
            for (var i = 0; i < array.Count; i++)
            {
                var p = $"{c.Pointer}/Branches/{i}";
                if (array[i] is not JsonObject branch)
                {
                    Problem(p, "A branch must be an object with StartAt and States.");
                    continue;
                }

                if (branch.ContainsKey("ProcessorConfig"))
                {
                    Problem(p + "/ProcessorConfig", "ProcessorConfig is only allowed in a Map state's ItemProcessor.");
                }

                if (ReadWorkflow(branch, p, c.Language) is { } w)
                {
                    branches.Add(w);
                }
            }
        }

        var state = Apply(new ParallelState { Name = c.Name, Pointer = c.Pointer, Source = c.Obj, Branches = branches }, c, jsonPath) with
        {
            Retry = ReadRetry(c.Obj, c.Pointer),
            Catch = ReadCatch(c.Obj, c.Pointer, jsonPath),
        };
        if (!jsonPath)
        {
            return state;
        }

        return state with
        {
            Parameters = ReadPayloadField(c.Obj, c.Pointer, "Parameters"),
            ResultSelector = ReadPayloadField(c.Obj, c.Pointer, "ResultSelector"),
            ResultPath = ReadPathField(c.Obj, c.Pointer, "ResultPath", reference: true),
        };
    }

    private MapState? ReadMap(CommonFields c, bool jsonPath)
    {
        var hasProcessor = c.Obj.TryGetPropertyValue("ItemProcessor", out var processorNode);
        var hasIterator = c.Obj.TryGetPropertyValue("Iterator", out var iteratorNode);
        if (hasProcessor == hasIterator)
        {
            Problem(c.Pointer, "A Map state requires exactly one of ItemProcessor or Iterator.");
        }

        var field = hasProcessor ? "ItemProcessor" : "Iterator";
        var node = hasProcessor ? processorNode : iteratorNode;
        var mode = MapMode.Inline;
        Workflow? processor = null;
        if (node is JsonObject processorObj)
        {
            if (processorObj.TryGetPropertyValue("ProcessorConfig", out var config))
            {
                mode = ReadProcessorConfig(config, c.Pointer + "/" + field + "/ProcessorConfig");
            }

            processor = ReadWorkflow(processorObj, c.Pointer + "/" + field, c.Language);
        }
        else if (hasProcessor || hasIterator)
        {
            Problem(c.Pointer + "/" + field, $"{field} must be an object with StartAt and States.");
        }

        if (c.Obj.ContainsKey("ItemSelector") && c.Obj.ContainsKey("Parameters"))
        {
            Problem(c.Pointer + "/Parameters", "ItemSelector and Parameters cannot both be set (Parameters is the legacy name of ItemSelector).");
        }

        foreach (var unsupported in DistributedOnlyFields)
        {
            if (c.Obj.ContainsKey(unsupported))
            {
                if (mode != MapMode.Distributed)
                {
                    Problem(c.Pointer + "/" + unsupported, $"{unsupported} is only allowed in a DISTRIBUTED Map.");
                }
                else
                {
                    _unsupported.Add(new UnsupportedFeature(c.Pointer + "/" + unsupported, unsupported, $"{unsupported} is not supported yet by the local engine."));
                }
            }
        }

        string? label = null;
        if (c.Obj.TryGetPropertyValue("Label", out var labelNode))
        {
            if (!JsonValues.TryGetString(labelNode, out var l) || l.Length > 40)
            {
                Problem(c.Pointer + "/Label", "Label must be a string of at most 40 characters.");
            }
            else
            {
                label = l;
            }
        }

        if (processor is null)
        {
            return null;
        }

        var state = Apply(new MapState { Name = c.Name, Pointer = c.Pointer, Source = c.Obj, Processor = processor, Mode = mode, Label = label }, c, jsonPath) with
        {
            Retry = ReadRetry(c.Obj, c.Pointer),
            Catch = ReadCatch(c.Obj, c.Pointer, jsonPath),
            MaxConcurrency = ReadNumberField(c.Obj, c.Pointer, "MaxConcurrency", jsonPath, min: 0),
            ToleratedFailureCount = ReadNumberField(c.Obj, c.Pointer, "ToleratedFailureCount", jsonPath, min: 0),
            ToleratedFailurePercentage = ReadNumberField(c.Obj, c.Pointer, "ToleratedFailurePercentage", jsonPath, min: 0, integer: false, max: 100),
        };
        if (!jsonPath)
        {
            return state;
        }

        return state with
        {
            ItemsPath = ReadPathField(c.Obj, c.Pointer, "ItemsPath", reference: false),
            ItemSelector = ReadPayloadField(c.Obj, c.Pointer, "ItemSelector") ?? ReadPayloadField(c.Obj, c.Pointer, "Parameters"),
            ResultSelector = ReadPayloadField(c.Obj, c.Pointer, "ResultSelector"),
            ResultPath = ReadPathField(c.Obj, c.Pointer, "ResultPath", reference: true),
        };
    }

    private MapMode ReadProcessorConfig(JsonNode? node, string pointer)
    {
        if (node is not JsonObject config)
        {
            Problem(pointer, "ProcessorConfig must be an object.");
            return MapMode.Inline;
        }

        CheckFields(config, pointer, ["Mode", "ExecutionType"]);
        var mode = MapMode.Inline;
        if (config.TryGetPropertyValue("Mode", out var modeNode))
        {
            switch (JsonValues.TryGetString(modeNode, out var m) ? m : null)
            {
                case "INLINE":
                    break;
                case "DISTRIBUTED":
                    mode = MapMode.Distributed;
                    break;
                default:
                    Problem(pointer + "/Mode", "Mode must be \"INLINE\" or \"DISTRIBUTED\".");
                    break;
            }
        }

        if (config.TryGetPropertyValue("ExecutionType", out var typeNode))
        {
            var type = JsonValues.TryGetString(typeNode, out var t) ? t : null;
            if (mode != MapMode.Distributed)
            {
                Problem(pointer + "/ExecutionType", "ExecutionType is only allowed with Mode DISTRIBUTED.");
            }
            else if (type is not ("STANDARD" or "EXPRESS"))
            {
                Problem(pointer + "/ExecutionType", "ExecutionType must be \"STANDARD\" or \"EXPRESS\".");
            }
        }

        return mode;
    }
}
