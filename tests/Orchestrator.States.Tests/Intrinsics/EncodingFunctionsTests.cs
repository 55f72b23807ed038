namespace Orchestrator.States.Tests.Intrinsics;

public sealed class EncodingFunctionsTests
{
    private static readonly string Limit = new('a', 10_000);
    private static readonly string OverLimit = new('a', 10_001);

    [Theory]
    [InlineData("", "")]
    [InlineData("Data to encode", "RGF0YSB0byBlbmNvZGU=")]
    [InlineData("✓", "4pyT")]
    [InlineData("こんにちは", "44GT44KT44Gr44Gh44Gv")]
    [InlineData("🚀", "8J+agA==")]
    public void Base64Encode_encodes_UTF8(string text, string expected) =>
        Assert.Equal(expected, Intrinsic.Evaluate("States.Base64Encode($.s)", $$"""{"s": "{{text}}"}""")!.GetValue<string>());

    [Theory]
    [InlineData("", "")]
    [InlineData("RGF0YSB0byBlbmNvZGU=", "Data to encode")]
    [InlineData("44GT44KT44Gr44Gh44Gv", "こんにちは")]
    [InlineData("YWJj", "abc")]
    [InlineData("YWJjZA", "abcd")]
    [InlineData(" YWJj ZA== ", "abcd")]
    [InlineData("YWJj!!ZA==", "abcd")]
    [InlineData("YQ==YWJj", "a")]
    [InlineData("8J-agA", "🚀")]
    public void Base64Decode_decodes_leniently_like_AWS(string base64, string expected) =>
        Assert.Equal(expected, Intrinsic.Evaluate("States.Base64Decode($.s)", $$"""{"s": "{{base64}}"}""")!.GetValue<string>());

    [Fact]
    public void Base64Encode_accepts_10000_characters() =>
        Assert.Equal(13_336, Intrinsic.Evaluate("States.Base64Encode($.s)", $$"""{"s": "{{Limit}}"}""")!.GetValue<string>().Length);

    [Fact]
    public void Base64_round_trips_when_the_encoded_text_is_at_the_10000_character_limit()
    {
        var text = new string('z', 7_500);
        Assert.Equal(text, Intrinsic.Evaluate("States.Base64Decode(States.Base64Encode($.s))", $$"""{"s": "{{text}}"}""")!.GetValue<string>());
    }

    [Theory]
    [InlineData("States.Base64Encode($.long)")]
    [InlineData("States.Base64Decode($.long)")]
    [InlineData("States.Base64Encode(123)")]
    [InlineData("States.Base64Encode($.obj)")]
    [InlineData("States.Base64Decode(null)")]
    [InlineData("States.Base64Decode($.obj)")]
    public void Base64_fails_over_10000_characters_or_on_non_strings(string expression) =>
        Intrinsic.AssertInvalidArguments(expression, $$$"""{"long": "{{{OverLimit}}}", "obj": {}}""");

    [Theory]
    [InlineData("MD5", "5d41402abc4b2a76b9719d911017c592")]
    [InlineData("SHA-1", "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d")]
    [InlineData("SHA-256", "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")]
    [InlineData("SHA-384", "59e1748777448c69de6b800d7a33bbfb9ff1b463e44354c3553bcdb9c666fa90125a3c79f90397bdf5f6a13de828684f")]
    [InlineData("SHA-512", "9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca72323c3d99ba5c11d7c7acc6e14b8c5da0c4663475c2e5c3adef46f73bcdec043")]
    public void Hash_computes_lowercase_hex_digests(string algorithm, string expected) =>
        Assert.Equal(expected, Intrinsic.Evaluate($"States.Hash('hello', '{algorithm}')")!.GetValue<string>());

    [Fact]
    public void Hash_hashes_non_string_data_as_its_text() =>
        Assert.Equal(
            Intrinsic.Evaluate("States.Hash('123', 'SHA-256')")!.GetValue<string>(),
            Intrinsic.Evaluate("States.Hash(123, 'SHA-256')")!.GetValue<string>());

    [Fact]
    public void Hash_accepts_10000_characters() =>
        Assert.Equal(64, Intrinsic.Evaluate("States.Hash($.s, 'SHA-256')", $$"""{"s": "{{Limit}}"}""")!.GetValue<string>().Length);

    [Theory]
    [InlineData("States.Hash('data', 'UNSUPPORTED')")]
    [InlineData("States.Hash('data', 'sha-256')")]
    [InlineData("States.Hash('data', 'SHA256')")]
    [InlineData("States.Hash('data', 'MD-5')")]
    [InlineData("States.Hash('data', '')")]
    [InlineData("States.Hash('data', 256)")]
    [InlineData("States.Hash(null, 'MD5')")]
    [InlineData("States.Hash($.long, 'MD5')")]
    public void Hash_fails_on_an_unknown_algorithm_null_data_or_too_much_data(string expression) =>
        Intrinsic.AssertInvalidArguments(expression, $$"""{"long": "{{OverLimit}}"}""");
}
