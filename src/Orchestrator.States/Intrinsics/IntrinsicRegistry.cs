using System.Collections.Frozen;
using Orchestrator.States.Intrinsics.Functions;

namespace Orchestrator.States.Intrinsics;

/// <summary>Every intrinsic the engine knows, by full name. Adding a function means adding one class and one line here.</summary>
internal static class IntrinsicRegistry
{
    private static readonly FrozenDictionary<string, IIntrinsicFunction> Functions = new IIntrinsicFunction[]
    {
        new Format(),
        new StringToJson(),
        new JsonToString(),
        new ArrayOf(),
        new ArrayPartition(),
        new ArrayContains(),
        new ArrayRange(),
        new ArrayGetItem(),
        new ArrayLength(),
        new ArrayUnique(),
        new Base64Encode(),
        new Base64Decode(),
        new Hash(),
        new JsonMerge(),
        new MathRandom(),
        new MathAdd(),
        new StringSplit(),
        new Uuid(),
    }.ToFrozenDictionary(function => function.Name, StringComparer.Ordinal);

    public static IIntrinsicFunction? Find(string name) => Functions.GetValueOrDefault(name);
}
