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
    // A branch or item processor is not a state: it has no QueryLanguage of its own.
    private static readonly string[] WorkflowFields = ["Comment", "StartAt", "States", "ProcessorConfig"];
    private static readonly string[] SharedFields = ["Type", "Comment", "QueryLanguage"];
    private static readonly string[] WaitFields = ["Seconds", "SecondsPath", "Timestamp", "TimestampPath"];
    private static readonly (string, string)[] FailPairs = [("Error", "ErrorPath"), ("Cause", "CausePath")];
    private static readonly string[] DistributedOnlyFields = ["ItemReader", "ResultWriter", "ItemBatcher"];

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
            "ResultPath", "Retry", "Catch", "Assign", "Items", "Output"],
    };

    private readonly LoadContext _context = new();

    // States without a QueryLanguage use the state machine's, also inside a Map or Parallel that sets its own.
    private QueryLanguage _machineLanguage;

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

        _context.CheckFields(root, "", TopLevelFields);
        var language = _machineLanguage = _context.ReadQueryLanguage(root, "", QueryLanguage.JsonPath);
        if (root.TryGetPropertyValue("Version", out var version) && !JsonValues.IsString(version))
        {
            _context.Problem("/Version", "Version must be a string.");
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
                _context.Problem("/TimeoutSeconds", "TimeoutSeconds must be a positive integer.");
            }
        }

        var workflow = ReadWorkflow(root, "", language);
        var result = new LoadResult { Problems = _context.Problems.ToList(), Unsupported = _context.Unsupported.ToList() };
        if (_context.Problems.Count > 0 || workflow is null)
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

    private Workflow? ReadWorkflow(JsonObject obj, string pointer, QueryLanguage language)
    {
        if (pointer.Length > 0)
        {
            _context.CheckFields(obj, pointer, WorkflowFields);
        }

        string? startAt = null;
        if (!obj.TryGetPropertyValue("StartAt", out var startNode))
        {
            _context.Problem(pointer + "/StartAt", "StartAt is required.");
        }
        else if (!JsonValues.TryGetString(startNode, out var s) || s.Length == 0)
        {
            _context.Problem(pointer + "/StartAt", "StartAt must be a non-empty string.");
        }
        else
        {
            startAt = s;
        }

        if (!obj.TryGetPropertyValue("States", out var statesNode) || statesNode is not JsonObject statesObj)
        {
            _context.Problem(pointer + "/States", "States is required and must be an object of state names to states.");
            return null;
        }

        if (statesObj.Count == 0)
        {
            _context.Problem(pointer + "/States", "States must contain at least one state.");
        }

        var states = new Dictionary<string, StateDefinition>(StringComparer.Ordinal);
        foreach (var (name, stateNode) in statesObj)
        {
            var statePointer = pointer + "/States/" + LoadContext.Escape(name);
            if (name.Length is 0 or > 80)
            {
                _context.Problem(statePointer, $"State name '{name}' must be 1 to 80 characters long.");
            }

            if (_context.StateNames.TryGetValue(name, out var other))
            {
                _context.Problem(statePointer, $"State name '{name}' is already used at {other}; state names must be unique in the whole state machine.");
            }
            else
            {
                _context.StateNames[name] = statePointer;
            }

            if (stateNode is not JsonObject stateObj)
            {
                _context.Problem(statePointer, "A state must be a JSON object.");
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
            _context.Problem(pointer + "/StartAt", $"StartAt '{startAt}' does not name a state in States.");
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
                    _context.Problem(state.Pointer + where, $"'{target}' does not name a state in the same States block ({(pointer.Length == 0 ? "/States" : pointer + "/States")}).");
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
                _context.Problem(state.Pointer, $"State '{state.Name}' is not reachable from StartAt '{startAt}'.");
            }
        }
    }

    private StateDefinition? ReadState(string name, JsonObject obj, string pointer, QueryLanguage inherited)
    {
        if (!obj.TryGetPropertyValue("Type", out var typeNode) || !JsonValues.TryGetString(typeNode, out var type))
        {
            _context.Problem(pointer + "/Type", "Type is required and must be a string.");
            return null;
        }

        if (!FieldsByType.TryGetValue(type, out var fields))
        {
            _context.Problem(pointer + "/Type", $"Unknown state type '{type}'; expected one of Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map.");
            return null;
        }

        _context.CheckFields(obj, pointer, SharedFields.Concat(fields));
        var language = _context.ReadQueryLanguage(obj, pointer, inherited);
        if (obj.TryGetPropertyValue("Comment", out var comment) && !JsonValues.IsString(comment))
        {
            _context.Problem(pointer + "/Comment", "Comment must be a string.");
        }

        QueryLanguageFields.Check(_context, obj, pointer, language, fields);
        var (next, end) = ReadTransition(obj, pointer, type);
        var common = new CommonFields(name, pointer, language, (comment as JsonValue)?.ToString(), next, end, obj);
        var jsonPath = language == QueryLanguage.JsonPath;
        StateDefinition? state = type switch
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
        return state is null || jsonPath ? state : JsonataFieldReader.Attach(_context, state, obj, pointer);
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
                _context.Problem(pointer + "/Next", "Next must be a non-empty string naming a state.");
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
                _context.Problem(pointer + "/End", "End must be a boolean.");
            }
        }

        if (type is "Choice" or "Succeed" or "Fail")
        {
            return (null, false);
        }

        if (hasNext && end)
        {
            _context.Problem(pointer, "A state cannot have both Next and End: true.");
        }
        else if (!hasNext && !end)
        {
            _context.Problem(pointer, $"A {type} state must have Next or End: true.");
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
            InputPath = _context.ReadPathField(c.Obj, c.Pointer, "InputPath", reference: false),
            OutputPath = _context.ReadPathField(c.Obj, c.Pointer, "OutputPath", reference: false),
            Assign = _context.ReadAssign(c.Obj, c.Pointer),
        };
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
            Parameters = _context.ReadPayloadField(c.Obj, c.Pointer, "Parameters"),
            ResultPath = _context.ReadPathField(c.Obj, c.Pointer, "ResultPath", reference: true),
        };
    }

    private TaskState ReadTask(CommonFields c, bool jsonPath)
    {
        var resource = string.Empty;
        if (!c.Obj.TryGetPropertyValue("Resource", out var resourceNode))
        {
            _context.Problem(c.Pointer + "/Resource", "A Task state requires Resource.");
        }
        else if (!JsonValues.TryGetString(resourceNode, out resource) || !resource.StartsWith("arn:", StringComparison.Ordinal))
        {
            _context.Problem(c.Pointer + "/Resource", "Resource must be an ARN string (e.g. arn:aws:states:::ecs:runTask.sync).");
        }

        var state = Apply(new TaskState { Name = c.Name, Pointer = c.Pointer, Source = c.Obj, Resource = resource }, c, jsonPath) with
        {
            Retry = RetryCatchReader.ReadRetry(_context, c.Obj, c.Pointer),
            Catch = RetryCatchReader.ReadCatch(_context, c.Obj, c.Pointer, jsonPath),
            TimeoutSeconds = _context.ReadNumberField(c.Obj, c.Pointer, "TimeoutSeconds", jsonPath, min: 1),
            HeartbeatSeconds = _context.ReadNumberField(c.Obj, c.Pointer, "HeartbeatSeconds", jsonPath, min: 1),
            Credentials = JsonValues.Clone(c.Obj["Credentials"]),
        };
        if (state.TimeoutSeconds.Value is { } t && state.HeartbeatSeconds.Value is { } h && h >= t)
        {
            _context.Problem(c.Pointer + "/HeartbeatSeconds", "HeartbeatSeconds must be smaller than TimeoutSeconds.");
        }

        if (!jsonPath)
        {
            return state;
        }

        return state with
        {
            Parameters = _context.ReadPayloadField(c.Obj, c.Pointer, "Parameters"),
            ResultSelector = _context.ReadPayloadField(c.Obj, c.Pointer, "ResultSelector"),
            ResultPath = _context.ReadPathField(c.Obj, c.Pointer, "ResultPath", reference: true),
        };
    }

    private ChoiceState ReadChoice(CommonFields c, bool jsonPath)
    {
        var branches = new List<ChoiceBranch>();
        if (!c.Obj.TryGetPropertyValue("Choices", out var node) || node is not JsonArray array || array.Count == 0)
        {
            _context.Problem(c.Pointer + "/Choices", "A Choice state requires Choices: a non-empty array of rules.");
        }
        else
        {
            for (var i = 0; i < array.Count; i++)
            {
                var p = $"{c.Pointer}/Choices/{i}";
                if (array[i] is not JsonObject ruleObj)
                {
                    _context.Problem(p, "A choice rule must be an object.");
                    continue;
                }

                string next = string.Empty;
                if (!ruleObj.TryGetPropertyValue("Next", out var nextNode) || !JsonValues.TryGetString(nextNode, out next) || next.Length == 0)
                {
                    _context.Problem(p + "/Next", "A top-level choice rule requires Next naming a state.");
                }

                var rule = jsonPath ? ChoiceRuleReader.ReadRule(_context, ruleObj, p, topLevel: true) : JsonataFieldReader.ReadCondition(_context, ruleObj, p, i);
                var assign = jsonPath ? _context.ReadAssign(ruleObj, p) : null;
                if (rule is not null)
                {
                    branches.Add(new ChoiceBranch(rule, next, assign)
                    {
                        Jsonata = jsonPath ? null : JsonataFieldReader.ReadClause(_context, ruleObj, p, string.Create(CultureInfo.InvariantCulture, $"Choices[{i}]")),
                    });
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
                _context.Problem(c.Pointer + "/Default", "Default must be a non-empty string naming a state.");
            }
        }

        return Apply(new ChoiceState { Name = c.Name, Pointer = c.Pointer, Source = c.Obj, Choices = branches, Default = defaultState }, c, jsonPath);
    }

    private WaitState ReadWait(CommonFields c, bool jsonPath)
    {
        var state = Apply(new WaitState { Name = c.Name, Pointer = c.Pointer, Source = c.Obj }, c, jsonPath);
        var present = WaitFields.Where(c.Obj.ContainsKey).ToList();
        if (present.Count != 1)
        {
            _context.Problem(c.Pointer, "A Wait state requires exactly one of Seconds, SecondsPath, Timestamp, TimestampPath" +
                (present.Count > 1 ? "; found " + string.Join(", ", present) + "." : "."));
        }

        // In a JSONata state an expression in Seconds/Timestamp is read by JsonataFieldReader; a literal is read here.
        if (c.Obj.TryGetPropertyValue("Seconds", out var seconds) && (jsonPath || !JsonataFieldReader.IsExpression(seconds, out _)))
        {
            if (JsonValues.TryGetInt64(seconds, out var s) && s >= 0 && s <= 99999999)
            {
                state = state with { Seconds = s };
            }
            else
            {
                _context.Problem(c.Pointer + "/Seconds", "Seconds must be a non-negative integer (at most 99999999).");
            }
        }

        if (c.Obj.TryGetPropertyValue("Timestamp", out var timestamp) && (jsonPath || !JsonataFieldReader.IsExpression(timestamp, out _)))
        {
            if (JsonValues.TryGetString(timestamp, out var t) && Timestamps.TryParse(t, out var at))
            {
                state = state with { Timestamp = at };
            }
            else
            {
                _context.Problem(c.Pointer + "/Timestamp", "Timestamp must be an ISO-8601 extended offset date-time string such as 2016-03-14T01:59:00Z.");
            }
        }

        if (!jsonPath)
        {
            return state;
        }

        if (c.Obj.TryGetPropertyValue("SecondsPath", out var secondsPath))
        {
            state = state with { SecondsPath = _context.ReadPath(secondsPath, c.Pointer + "/SecondsPath", "SecondsPath", reference: false) };
        }

        if (c.Obj.TryGetPropertyValue("TimestampPath", out var timestampPath))
        {
            state = state with { TimestampPath = _context.ReadPath(timestampPath, c.Pointer + "/TimestampPath", "TimestampPath", reference: false) };
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
                _context.Problem(c.Pointer + "/" + field, $"{field} must be a string.");
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
                    _context.Problem(c.Pointer + "/" + field, issue);
                }
            }
            else if (!JsonPathExpression.TryParse(text, out _, out var problem))
            {
                _context.Problem(c.Pointer + "/" + field, $"{field} is neither a valid path nor an intrinsic function call: {problem}");
            }

            return text;
        }

        foreach (var (a, b) in FailPairs)
        {
            if (c.Obj.ContainsKey(a) && c.Obj.ContainsKey(b))
            {
                _context.Problem(c.Pointer + "/" + b, $"{a} and {b} cannot both be set.");
            }
        }

        return state with { Error = ReadText("Error"), Cause = ReadText("Cause"), ErrorPath = ReadDynamicText("ErrorPath"), CausePath = ReadDynamicText("CausePath") };
    }

    private ParallelState ReadParallel(CommonFields c, bool jsonPath)
    {
        var branches = new List<Workflow>();
        if (!c.Obj.TryGetPropertyValue("Branches", out var node) || node is not JsonArray array || array.Count == 0)
        {
            _context.Problem(c.Pointer + "/Branches", "A Parallel state requires Branches: a non-empty array of state machines.");
        }
        else
        {
            for (var i = 0; i < array.Count; i++)
            {
                var p = $"{c.Pointer}/Branches/{i}";
                if (array[i] is not JsonObject branch)
                {
                    _context.Problem(p, "A branch must be an object with StartAt and States.");
                    continue;
                }

                if (branch.ContainsKey("ProcessorConfig"))
                {
                    _context.Problem(p + "/ProcessorConfig", "ProcessorConfig is only allowed in a Map state's ItemProcessor.");
                }

                if (ReadWorkflow(branch, p, _machineLanguage) is { } w)
                {
                    branches.Add(w);
                }
            }
        }

        var state = Apply(new ParallelState { Name = c.Name, Pointer = c.Pointer, Source = c.Obj, Branches = branches }, c, jsonPath) with
        {
            Retry = RetryCatchReader.ReadRetry(_context, c.Obj, c.Pointer),
            Catch = RetryCatchReader.ReadCatch(_context, c.Obj, c.Pointer, jsonPath),
        };
        if (!jsonPath)
        {
            return state;
        }

        return state with
        {
            Parameters = _context.ReadPayloadField(c.Obj, c.Pointer, "Parameters"),
            ResultSelector = _context.ReadPayloadField(c.Obj, c.Pointer, "ResultSelector"),
            ResultPath = _context.ReadPathField(c.Obj, c.Pointer, "ResultPath", reference: true),
        };
    }

    private MapState? ReadMap(CommonFields c, bool jsonPath)
    {
        var hasProcessor = c.Obj.TryGetPropertyValue("ItemProcessor", out var processorNode);
        var hasIterator = c.Obj.TryGetPropertyValue("Iterator", out var iteratorNode);
        if (hasProcessor == hasIterator)
        {
            _context.Problem(c.Pointer, "A Map state requires exactly one of ItemProcessor or Iterator.");
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

            processor = ReadWorkflow(processorObj, c.Pointer + "/" + field, _machineLanguage);
        }
        else if (hasProcessor || hasIterator)
        {
            _context.Problem(c.Pointer + "/" + field, $"{field} must be an object with StartAt and States.");
        }

        if (c.Obj.ContainsKey("ItemSelector") && c.Obj.ContainsKey("Parameters"))
        {
            _context.Problem(c.Pointer + "/Parameters", "ItemSelector and Parameters cannot both be set (Parameters is the legacy name of ItemSelector).");
        }

        foreach (var unsupported in DistributedOnlyFields)
        {
            if (c.Obj.ContainsKey(unsupported))
            {
                if (mode != MapMode.Distributed)
                {
                    _context.Problem(c.Pointer + "/" + unsupported, $"{unsupported} is only allowed in a DISTRIBUTED Map.");
                }
                else
                {
                    _context.Unsupported.Add(new UnsupportedFeature(c.Pointer + "/" + unsupported, unsupported, $"{unsupported} is not supported yet by the local engine."));
                }
            }
        }

        string? label = null;
        if (c.Obj.TryGetPropertyValue("Label", out var labelNode))
        {
            if (!JsonValues.TryGetString(labelNode, out var l) || l.Length > 40)
            {
                _context.Problem(c.Pointer + "/Label", "Label must be a string of at most 40 characters.");
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
            Retry = RetryCatchReader.ReadRetry(_context, c.Obj, c.Pointer),
            Catch = RetryCatchReader.ReadCatch(_context, c.Obj, c.Pointer, jsonPath),
            MaxConcurrency = _context.ReadNumberField(c.Obj, c.Pointer, "MaxConcurrency", jsonPath, min: 0),
            ToleratedFailureCount = _context.ReadNumberField(c.Obj, c.Pointer, "ToleratedFailureCount", jsonPath, min: 0),
            ToleratedFailurePercentage = _context.ReadNumberField(c.Obj, c.Pointer, "ToleratedFailurePercentage", jsonPath, min: 0, integer: false, max: 100),
        };
        if (!jsonPath)
        {
            return state;
        }

        return state with
        {
            ItemsPath = _context.ReadPathField(c.Obj, c.Pointer, "ItemsPath", reference: false),
            ItemSelector = _context.ReadPayloadField(c.Obj, c.Pointer, "ItemSelector") ?? _context.ReadPayloadField(c.Obj, c.Pointer, "Parameters"),
            ResultSelector = _context.ReadPayloadField(c.Obj, c.Pointer, "ResultSelector"),
            ResultPath = _context.ReadPathField(c.Obj, c.Pointer, "ResultPath", reference: true),
        };
    }

    private MapMode ReadProcessorConfig(JsonNode? node, string pointer)
    {
        if (node is not JsonObject config)
        {
            _context.Problem(pointer, "ProcessorConfig must be an object.");
            return MapMode.Inline;
        }

        _context.CheckFields(config, pointer, ["Mode", "ExecutionType"]);
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
                    _context.Problem(pointer + "/Mode", "Mode must be \"INLINE\" or \"DISTRIBUTED\".");
                    break;
            }
        }

        if (config.TryGetPropertyValue("ExecutionType", out var typeNode))
        {
            var type = JsonValues.TryGetString(typeNode, out var t) ? t : null;
            if (mode != MapMode.Distributed)
            {
                _context.Problem(pointer + "/ExecutionType", "ExecutionType is only allowed with Mode DISTRIBUTED.");
            }
            else if (type is not ("STANDARD" or "EXPRESS"))
            {
                _context.Problem(pointer + "/ExecutionType", "ExecutionType must be \"STANDARD\" or \"EXPRESS\".");
            }
        }

        return mode;
    }
}
