using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.States.Intrinsics.Values;

namespace Orchestrator.States.Intrinsics.Functions;

/// <summary>
/// <c>States.Hash(data, algorithm)</c>: the lowercase hex digest of the data's UTF-8 bytes. The algorithm is one of
/// <c>MD5</c>, <c>SHA-1</c>, <c>SHA-256</c>, <c>SHA-384</c>, <c>SHA-512</c>, spelled exactly; the data is at most
/// 10,000 characters. Non-string data is hashed as its text (AWS accepts numbers and objects there).
/// </summary>
internal sealed class Hash : IIntrinsicFunction
{
    public string Name => "States.Hash";

    public Arity Arity => Arity.Exactly(2);

    public JsonNode? Invoke(IntrinsicArguments arguments, IIntrinsicContext context)
    {
        var data = arguments.Value(0) ?? throw arguments.Invalid();
        var text = FormatText.Render(data);
        var algorithm = arguments.String(1);
        if (text.Length > Base64Encode.MaxLength)
        {
            throw arguments.Invalid();
        }

        var digest = Digest(algorithm, Encoding.UTF8.GetBytes(text)) ?? throw arguments.Invalid();
        return JsonValue.Create(Convert.ToHexStringLower(digest));
    }

    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "SHA-1 is part of the States.Hash contract; the digest is data, not a security control.")]
    [SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Algorithms", Justification = "MD5 is part of the States.Hash contract; the digest is data, not a security control.")]
    private static byte[]? Digest(string algorithm, byte[] data) => algorithm switch
    {
        "MD5" => MD5.HashData(data),
        "SHA-1" => SHA1.HashData(data),
        "SHA-256" => SHA256.HashData(data),
        "SHA-384" => SHA384.HashData(data),
        "SHA-512" => SHA512.HashData(data),
        _ => null,
    };
}
