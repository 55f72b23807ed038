using System.CommandLine;
using System.Text;
using Orchestrator.States.Loading;

namespace Orchestrator.Cli.Templates;

/// <summary>
/// `orchestrator validate`: the template, each state machine (with its DefinitionSubstitutions applied) and each job
/// block, every problem with its location. Exit 0 when clean, 2 when anything is wrong.
/// </summary>
internal static class ValidateTemplateCommand
{
    public static Command Create(CliConsole console)
    {
        var template = TemplateFile.TemplateOption();
        var overrides = TemplateFile.OverridesOption();
        var command = new Command("validate", "Check template.yaml, its state machines and job blocks (AWS cron rules included) and list every problem with its location.");
        command.Options.Add(template);
        command.Options.Add(overrides);
        command.SetAction(parseResult =>
        {
            var path = parseResult.GetValue(template)!;
            var loaded = TemplateFile.Load(path, parseResult.GetValue(overrides), console);
            if (loaded is null)
            {
                return 2;
            }

            var problems = loaded.Validate().Select(p => p.ToString()).ToList();
            foreach (var machine in loaded.StateMachines.Where(m => m.Definition is not null))
            {
                var result = DefinitionLoader.Load(machine.Definition!);
                var where = $"Resources.{machine.LogicalId} ({machine.DefinitionUri})";
                problems.AddRange(result.Problems.Select(p => $"{where}{p.Pointer}: {p.Message}"));
                problems.AddRange(result.Unsupported.Select(u => $"{where}{u.Pointer}: {u.Message}"));
            }

            foreach (var warning in loaded.Warnings.Select(w => w.ToString()).Distinct(StringComparer.Ordinal))
            {
                console.Error.WriteLine($"note: {warning}");
            }

            if (problems.Count > 0)
            {
                var report = new StringBuilder();
                foreach (var problem in problems)
                {
                    report.AppendLine(problem);
                }

                console.Error.Write(report.ToString());
                console.Error.WriteLine($"{path}: {problems.Count} problem{(problems.Count == 1 ? "" : "s")}; nothing was started.");
                return 2;
            }

            console.Out.WriteLine($"{path}: valid ({loaded.Jobs.Length} job{(loaded.Jobs.Length == 1 ? "" : "s")}, {loaded.StateMachines.Length} state machine{(loaded.StateMachines.Length == 1 ? "" : "s")})");
            return 0;
        });
        return command;
    }
}
