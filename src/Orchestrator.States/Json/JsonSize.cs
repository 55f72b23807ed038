using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.States.Json;

/// <summary>Whether a value's compact JSON text is over a byte quota, measured without building the text.</summary>
public static class JsonSize
{
    private static readonly SearchValues<char> Printable = SearchValues.Create(
        Enumerable.Range(0x20, 0x7F - 0x20).Select(c => (char)c).Where(c => c is not ('"' or '\\')).ToArray());

    // One spare counter, taken and given back: cheaper than a thread-static lookup on every state.
    private static Counter? _spare;

    /// <summary>True when the UTF-8 JSON text of <paramref name="node"/> is longer than <paramref name="limit"/> bytes.</summary>
    public static bool Exceeds(JsonNode? node, int limit) => Measure(node) > limit;

    /// <summary>The length in UTF-8 bytes of the compact JSON text of <paramref name="node"/> (as <see cref="JsonValues.ToJson"/> prints it).</summary>
    public static long Measure(JsonNode? node)
    {
        if (node is null)
        {
            return 4;
        }

        // Written into a sink that only counts: parsed parts are copied as raw bytes, nothing is allocated per call.
        return Count(node, static (writer, n) => n.WriteTo(writer));
    }

    /// <summary>The length in UTF-8 bytes of <paramref name="text"/> as a JSON string (quotes and escapes included), as a property name or value.</summary>
    public static long MeasureString(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.AsSpan().ContainsAnyExcept(Printable))
        {
            // Printable ASCII other than " and \ is written as is (a test checks each such character against the writer).
            return text.Length + 2;
        }

        return Count(text, static (writer, t) => writer.WriteStringValue(t));
    }

    private static long Count<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        var counter = Interlocked.Exchange(ref _spare, null) ?? new Counter();
        counter.Reset();
        write(counter.Writer, value);
        counter.Writer.Flush();
        var count = counter.Count;
        _spare = counter;
        return count;
    }

    private sealed class Counter : IBufferWriter<byte>
    {
        private byte[] _scratch = new byte[4096];

        public Counter() => Writer = new Utf8JsonWriter(this, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });

        public Utf8JsonWriter Writer { get; }

        public long Count { get; private set; }

        public void Reset()
        {
            Count = 0;
            Writer.Reset(this);
        }

        public void Advance(int count) => Count += count;

        // The writer asks for room for the worst case of a long string (6 bytes a character); keep the larger buffer.
        public Memory<byte> GetMemory(int sizeHint = 0) => sizeHint <= _scratch.Length ? _scratch : _scratch = new byte[Math.Max(sizeHint, _scratch.Length * 2)];

        public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;
    }
}
