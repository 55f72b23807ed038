using System.CommandLine;

namespace Orchestrator.Cli.States;

/// <summary>`orchestrator states validate &lt;definition&gt;`: lists every problem; exit 0 valid, 2 invalid, 3 not supported yet.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliConsole console)
    {
        var definition = new Argument<string>("definition") { Description = "Path to the state machine definition (JSON)." };
        var command = new Command("validate", "Check a definition and list every problem with its JSON pointer.");
        command.Arguments.Add(definition);
        command.SetAction(parseResult =>
        {
            var path = parseResult.GetValue(definition)!;
            var (_, exitCode) = DefinitionFile.Load(path, console);
            if (exitCode == ExitCodes.Success)
            {
                console.Out.WriteLine($"{path}: valid");
            }

            return exitCode;
        });
        return command;
    }
}
