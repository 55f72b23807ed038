using Orchestrator.States.Loading;

namespace Orchestrator.Cli.States;

/// <summary>Reads and loads a definition file, printing every problem (pointer + message) when it cannot run.</summary>
internal static class DefinitionFile
{
    /// <summary>Returns the load result, or an exit code when the file cannot be read.</summary>
    public static (LoadResult? Result, int ExitCode) Load(string path, CliConsole console)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            console.Error.WriteLine($"Cannot read the definition file '{path}': {ex.Message}");
            return (null, ExitCodes.BadInput);
        }

        var result = DefinitionLoader.Load(text);
        if (!result.IsValid)
        {
            console.Error.WriteLine($"{path}: the definition is invalid ({result.Problems.Count} problem{(result.Problems.Count == 1 ? "" : "s")}):");
            foreach (var problem in result.Problems)
            {
                console.Error.WriteLine("  " + problem);
            }

            return (result, ExitCodes.InvalidDefinition);
        }

        if (result.Unsupported.Count > 0)
        {
            console.Error.WriteLine($"{path}: the definition uses features the local engine does not support yet:");
            foreach (var feature in result.Unsupported)
            {
                console.Error.WriteLine("  " + feature);
            }

            return (result, ExitCodes.NotSupported);
        }

        return (result, ExitCodes.Success);
    }
}
