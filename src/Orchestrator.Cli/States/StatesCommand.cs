using System.CommandLine;

namespace Orchestrator.Cli.States;

/// <summary>`orchestrator states ...`: validate, run and test Amazon States Language definitions with the local engine.</summary>
internal static class StatesCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("states", "Validate, run and test Step Functions state machines (Amazon States Language) locally.");
        command.Subcommands.Add(ValidateCommand.Create(console));
        command.Subcommands.Add(RunCommand.Create(console));
        command.Subcommands.Add(TestCommand.Create(console));
        return command;
    }
}

/// <summary>Exit codes shared by the states commands.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int ExecutionFailed = 1;
    public const int InvalidDefinition = 2;
    public const int NotSupported = 3;
    public const int BadInput = 4;
}
