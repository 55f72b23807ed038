namespace Orchestrator.States.Paths;

/// <summary>What a path starts from: <c>$</c> the state's data, <c>$$</c> the context object, <c>$name</c> a variable.</summary>
public enum PathRootKind
{
    Input,
    Context,
    Variable,
}
