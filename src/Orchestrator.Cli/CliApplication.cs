using System.CommandLine;
using Orchestrator.Cli.Local;
using Orchestrator.Cli.Runs;
using Orchestrator.Cli.States;
using Orchestrator.Cli.Templates;

namespace Orchestrator.Cli;

/// <summary>The `orchestrator` command tree. Each command group adds itself here; each command lives in its own file.</summary>
public static class CliApplication
{
    public static RootCommand Build(CliConsole console)
    {
        var root = new RootCommand("Orchestrator: scheduled container jobs on AWS, provable offline.");
        root.Subcommands.Add(StatesCommand.Create(console));
        root.Subcommands.Add(ValidateTemplateCommand.Create(console));
        root.Subcommands.Add(JobsCommand.Create(console, TimeProvider.System));
        root.Subcommands.Add(RunsCommand.Create(console));
        root.Subcommands.Add(Runs.RunCommand.Create(console));
        root.Subcommands.Add(RerunCommand.Create(console, TimeProvider.System));
        root.Subcommands.Add(LocalCommand.Create(console));
        return root;
    }

    /// <summary>Parses and runs; used by Main and by in-process tests with captured writers.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var console = new CliConsole(output, error);
        var parsed = Build(console).Parse(args);
        // Ctrl-C / SIGTERM cancel the command's token; `local up` needs more than the default 2 s to stop tasks and dynalite.
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });
    }
}

/// <summary>Where commands write: stdout for results, stderr for problems.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error);
