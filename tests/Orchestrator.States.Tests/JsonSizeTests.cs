using System.Text;
using Orchestrator.States.Conformance;
using Orchestrator.States.Json;
using Orchestrator.Testing;

namespace Orchestrator.States.Tests;

/// <summary>The payload quota check measures without printing; it must agree byte for byte with the printed text.</summary>
public sealed class JsonSizeTests
{
    [Theory]
    [InlineData("null")]
    [InlineData("\"\"")]
    [InlineData("\"é ✓ 😀 <tag> & \\\" \\\\ \\n \\u0001\"")]
    [InlineData("[1,2.50,-3e5,true,false,null,{}]")]
    [InlineData("{\"a\":{\"b\":[{\"c\":\"d\"}]},\"\\u00e9\":1}")]
    public void Measure_equals_the_UTF8_length_of_the_printed_text(string json)
    {
        var node = JsonValues.Parse(json);
        Assert.Equal(Encoding.UTF8.GetByteCount(JsonValues.ToJson(node)), JsonSize.Measure(node));

        // The same value built node by node (not backed by parsed text) measures the same.
        var built = JsonValues.Parse(JsonValues.ToJson(node));
        if (built is System.Text.Json.Nodes.JsonObject obj)
        {
            _ = obj.Count; // materialise the object
        }

        Assert.Equal(Encoding.UTF8.GetByteCount(JsonValues.ToJson(built)), JsonSize.Measure(built));
    }

    [Fact]
    public void Measure_agrees_with_the_printed_length_on_every_corpus_input_and_expected_result()
    {
        var checkedFiles = 0;
        foreach (var dir in ConformanceCase.Discover(RepoPaths.Of("tests", "asl-conformance")))
        {
            foreach (var file in new[] { "input.json", "expected.json" })
            {
                var node = JsonValues.Parse(File.ReadAllText(Path.Combine(dir, file)));
                Assert.True(Encoding.UTF8.GetByteCount(JsonValues.ToJson(node)) == JsonSize.Measure(node), $"{dir}/{file}");
                checkedFiles++;
            }
        }

        Assert.True(checkedFiles > 1000);
    }

    [Fact]
    public void MeasureString_equals_the_printed_length_for_every_ASCII_character_and_beyond()
    {
        // Its fast path counts printable ASCII as one byte: each character, alone and among others, against the writer.
        var samples = Enumerable.Range(0, 0x80).Select(c => ((char)c).ToString())
            .Concat(["", "plain-name_1.2", "a\"b", "back\\slash", "é", "✓", "😀", "<tag> & 'q' +`", "\u2028", "\uFFFE", "a\u007Fb"]);
        foreach (var text in samples)
        {
            var printed = System.Text.Json.Nodes.JsonValue.Create(text);
            Assert.True(JsonSize.Measure(printed) == JsonSize.MeasureString(text), $"U+{(text.Length == 1 ? ((int)text[0]).ToString("X4", System.Globalization.CultureInfo.InvariantCulture) : text)}");
            Assert.Equal(Encoding.UTF8.GetByteCount(JsonValues.ToJson(printed)), JsonSize.MeasureString(text));
        }
    }

    [Fact]
    public void Exceeds_is_strict_at_the_limit()
    {
        var node = JsonValues.Parse("\"" + new string('x', 10) + "\"");
        Assert.False(JsonSize.Exceeds(node, 12));
        Assert.True(JsonSize.Exceeds(node, 11));
    }
}
