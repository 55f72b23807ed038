using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.States.Execution;
using Orchestrator.States.History;
using Orchestrator.States.Integrations;
using Orchestrator.States.Json;

namespace Orchestrator.Cli.States;

/// <summary>
/// `orchestrator states run --definition F --input F|JSON [--mock-config F --test-case NAME] [--mocks F]`: runs one
/// execution under a virtual clock (Wait and backoff take no real time) and prints {"status":...}; exit 0/1, 2 invalid.
/// </summary>
internal static class RunCommand
{
    private static readonly HttpClient Http = new();

    public static Command Create(CliConsole console)
    {
        var definition = new Option<string>("--definition") { Description = "Path to the state machine definition (JSON).", Required = true };
        var input = new Option<string>("--input") { Description = "Execution input: a JSON file path or inline JSON. Default {}." };
        var mockConfig = new Option<string>("--mock-config") { Description = "A Step Functions Local mock configuration file." };
        var testCase = new Option<string>("--test-case") { Description = "The test case of --mock-config to use." };
        var mocks = new Option<string>("--mocks") { Description = "A file of MockedResponses keyed by state name." };
        var name = new Option<string>("--name") { Description = "Execution name. Default: a new GUID." };
        var stateMachine = new Option<string>("--state-machine-name") { Description = "State machine name (context object, mock config). Default: the file name." };
        var dynamoDb = new Option<string>("--dynamodb-endpoint") { Description = "Send dynamodb:putItem/updateItem/getItem/deleteItem tasks to this endpoint (e.g. dynalite at http://127.0.0.1:8000)." };
        var history = new Option<string>("--history") { Description = "Also write the execution history (GetExecutionHistory JSON) to this file." };
        var command = new Command("run", "Run one execution of a definition locally and print its result as JSON.");
        foreach (var option in new Option[] { definition, input, mockConfig, testCase, mocks, name, stateMachine, dynamoDb, history })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellation) =>
        {
            var definitionPath = parseResult.GetValue(definition)!;
            var (loaded, exitCode) = DefinitionFile.Load(definitionPath, console);
            if (exitCode != ExitCodes.Success)
            {
                return exitCode;
            }

            if (!TryReadInput(parseResult.GetValue(input), console, out var inputNode))
            {
                return ExitCodes.BadInput;
            }

            if (parseResult.GetValue(name) is { } executionName && ExecutionNames.Problem(executionName) is { } nameProblem)
            {
                console.Error.WriteLine(nameProblem);
                return ExitCodes.BadInput;
            }

            var machineName = parseResult.GetValue(stateMachine) ?? MachineName(definitionPath);
            MockedTaskResponses? mocked;
            try
            {
                mocked = ReadMocks(parseResult.GetValue(mockConfig), parseResult.GetValue(testCase), parseResult.GetValue(mocks), machineName);
            }
            catch (Exception ex) when (ex is MockConfigurationException or IOException or UnauthorizedAccessException)
            {
                console.Error.WriteLine(ex.Message);
                return ExitCodes.BadInput;
            }

            var tasks = new TaskHandlerRegistry();
            if (parseResult.GetValue(dynamoDb) is { } endpoint)
            {
                if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                {
                    console.Error.WriteLine($"--dynamodb-endpoint must be an http(s) URL, e.g. http://127.0.0.1:8000 (got '{endpoint}').");
                    return ExitCodes.BadInput;
                }

                DynamoDbTaskHandler.Register(tasks, new DynamoDbTaskHandler(Http, uri));
            }

            var engine = new StateMachineEngine(new EngineOptions { Time = new VirtualTimeProvider(DateTimeOffset.UtcNow), Mocks = mocked, Tasks = tasks, StartInline = true });
            var execution = engine.Start(loaded!.Definition!, new StartExecutionRequest
            {
                Name = parseResult.GetValue(name),
                Input = inputNode,
                StateMachineName = machineName,
            });
            using var stop = cancellation.Register(() => execution.Stop("Cancelled", "The run was interrupted."));
            var result = await execution.Completion;
            console.Out.WriteLine(JsonValues.ToIndentedJson(result.ToJson()));
            if (parseResult.GetValue(history) is { } historyPath)
            {
                var events = new HistoryPage(execution.History);
                try
                {
                    await File.WriteAllTextAsync(historyPath, JsonSerializer.Serialize(events, HistoryJsonContext.Default.HistoryPage), cancellation);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
                {
                    console.Error.WriteLine($"Cannot write the history file '{historyPath}': {ex.Message}");
                    return ExitCodes.BadInput;
                }
            }

            return result.Status == ExecutionStatus.Succeeded ? ExitCodes.Success : ExitCodes.ExecutionFailed;
        });
        return command;
    }

    private static string MachineName(string path)
    {
        var file = Path.GetFileName(path);
        var dot = file.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? file[..dot] : file;
    }

    private static MockedTaskResponses? ReadMocks(string? configPath, string? testCase, string? mocksPath, string machineName)
    {
        if (configPath is not null && mocksPath is not null)
        {
            throw new MockConfigurationException("Use either --mock-config with --test-case, or --mocks, not both.");
        }

        if (configPath is not null)
        {
            if (testCase is null)
            {
                throw new MockConfigurationException("--mock-config needs --test-case NAME to pick the test case.");
            }

            return MockedTaskResponses.FromConfiguration(File.ReadAllText(configPath), machineName, testCase);
        }

        if (testCase is not null)
        {
            throw new MockConfigurationException("--test-case needs --mock-config FILE.");
        }

        return mocksPath is null ? null : MockedTaskResponses.FromResponsesByState(File.ReadAllText(mocksPath));
    }

    /// <summary>--input is a file when one exists at that path, else inline JSON.</summary>
    public static bool TryReadInput(string? value, CliConsole console, out JsonNode? input)
    {
        input = new JsonObject();
        if (value is null)
        {
            return true;
        }

        string text;
        try
        {
            text = File.Exists(value) ? File.ReadAllText(value) : value;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"Cannot read the input file '{value}': {ex.Message}");
            return false;
        }

        try
        {
            input = JsonValues.Parse(text);
            return true;
        }
        catch (JsonException ex)
        {
            console.Error.WriteLine($"--input is neither an existing file nor valid JSON: {ex.Message}");
            return false;
        }
    }
}
