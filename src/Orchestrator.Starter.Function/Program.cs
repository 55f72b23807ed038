using Orchestrator.LambdaRuntime;
using Orchestrator.Starter;

// The starter Lambda: settings come from the environment once; everything else lives in Orchestrator.Starter.
StarterComposition? composition = null;
var exitCode = await LambdaRuntimeLoop.RunAsync(() =>
{
    composition = StarterComposition.FromEnvironment(Environment.GetEnvironmentVariable, Console.Out, TimeProvider.System);
    return composition.Function;
});
composition?.Dispose();
return exitCode;
