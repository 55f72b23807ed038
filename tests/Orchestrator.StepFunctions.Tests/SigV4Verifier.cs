using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.StepFunctions.Tests;

/// <summary>
/// Recomputes a SigV4 signature from the request as received, independently of AWSSDK.Core, to prove the bytes
/// that reached the wire are the bytes that were signed (no header added or rewritten after signing).
/// </summary>
public static class SigV4Verifier
{
    public sealed record Authorization(string AccessKey, string Date, string Region, string Service, IReadOnlyList<string> SignedHeaders, string Signature);

    public static Authorization Parse(string header)
    {
        // AWS4-HMAC-SHA256 Credential=AKID/20261121/us-east-1/states/aws4_request, SignedHeaders=a;b, Signature=hex
        Assert.StartsWith("AWS4-HMAC-SHA256 ", header, StringComparison.Ordinal);
        var parts = header["AWS4-HMAC-SHA256 ".Length..]
            .Split(',', StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
        var scope = parts["Credential"].Split('/');
        Assert.Equal(5, scope.Length);
        Assert.Equal("aws4_request", scope[4]);
        return new Authorization(scope[0], scope[1], scope[2], scope[3], parts["SignedHeaders"].Split(';'), parts["Signature"]);
    }

    public static string ExpectedSignature(RecordedRequest request, string secretKey)
    {
        var auth = Parse(request.Header("Authorization"));
        var amzDate = request.Header("X-Amz-Date");
        var payloadHash = Hex(SHA256.HashData(Encoding.UTF8.GetBytes(request.Body)));
        var canonicalHeaders = string.Concat(auth.SignedHeaders.Select(name => $"{name}:{request.Header(name).Trim()}\n"));
        var canonicalRequest = string.Join('\n', request.Method, request.Path, "", canonicalHeaders, string.Join(';', auth.SignedHeaders), payloadHash);
        var scope = $"{auth.Date}/{auth.Region}/{auth.Service}/aws4_request";
        var stringToSign = string.Join('\n', "AWS4-HMAC-SHA256", amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));

        var key = Encoding.UTF8.GetBytes("AWS4" + secretKey);
        foreach (var part in new[] { auth.Date, auth.Region, auth.Service, "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        return Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLower(CultureInfo.InvariantCulture);
}
