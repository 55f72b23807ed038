using System.Text.Json.Nodes;

namespace Orchestrator.States.Intrinsics.Functions;

/// <summary><c>States.UUID()</c>: a version 4 UUID drawn from the context's random source, lowercase with hyphens.</summary>
internal sealed class Uuid : IIntrinsicFunction
{
    public string Name => "States.UUID";

    public Arity Arity => Arity.None;

    public JsonNode? Invoke(IntrinsicArguments arguments, IIntrinsicContext context)
    {
        Span<byte> bytes = stackalloc byte[16];
        context.Random.NextBytes(bytes);

        // RFC 9562: version 4 in the high nibble of byte 6, variant 10xx in byte 8 (big-endian layout).
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return JsonValue.Create(new Guid(bytes, bigEndian: true).ToString("D"));
    }
}
