using System.CommandLine;

namespace Orchestrator.Cli.Runs;

/// <summary>`orchestrator run ...`: one run at a time.</summary>
internal static class RunCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("run", "Inspect one run.");
        command.Subcommands.Add(RunShowCommand.Create(console));
        return command;
    }
}
