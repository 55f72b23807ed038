using System.Text;
using System.Text.Json.Nodes;

namespace Orchestrator.States.Intrinsics.Functions;

/// <summary>
/// <c>States.Base64Decode(base64)</c>: decode at most 10,000 characters of Base64 into a UTF-8 string. AWS decodes
/// leniently: characters outside the alphabet are skipped, decoding stops at the first <c>=</c>, missing padding is
/// accepted and a trailing partial byte is dropped. Both the standard and the URL-safe alphabet are read.
/// </summary>
internal sealed class Base64Decode : IIntrinsicFunction
{
    public string Name => "States.Base64Decode";

    public Arity Arity => Arity.Exactly(1);

    public JsonNode? Invoke(IntrinsicArguments arguments, IIntrinsicContext context)
    {
        var text = arguments.String(0);
        if (text.Length > Base64Encode.MaxLength)
        {
            throw arguments.Invalid();
        }

        var bytes = new List<byte>(text.Length * 3 / 4);
        var bits = 0;
        var bitCount = 0;
        foreach (var character in text)
        {
            if (character == '=')
            {
                break;
            }

            var sextet = SextetOf(character);
            if (sextet < 0)
            {
                continue;
            }

            bits = (bits << 6) | sextet;
            bitCount += 6;
            if (bitCount >= 8)
            {
                bitCount -= 8;
                bytes.Add((byte)(bits >> bitCount));
                bits &= (1 << bitCount) - 1;
            }
        }

        // Invalid UTF-8 becomes U+FFFD, as Java's String(bytes, UTF_8) does.
        return JsonValue.Create(Encoding.UTF8.GetString(bytes.ToArray()));
    }

    private static int SextetOf(char character) => character switch
    {
        >= 'A' and <= 'Z' => character - 'A',
        >= 'a' and <= 'z' => character - 'a' + 26,
        >= '0' and <= '9' => character - '0' + 52,
        '+' or '-' => 62,
        '/' or '_' => 63,
        _ => -1,
    };
}
