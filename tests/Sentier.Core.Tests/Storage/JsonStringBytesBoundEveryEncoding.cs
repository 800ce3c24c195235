using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Sentier.Core.Storage;

namespace Sentier.Core.Tests.Storage;

/// <summary>
/// The byte bound of a string in a transaction is at least what the JSON serializer writes for it,
/// with the escaping the storage client uses (every non-ASCII and HTML-sensitive character as
/// <c>\uXXXX</c>) or none at all, and exact for Hebrew and for plain ASCII.
/// </summary>
public sealed class JsonStringBytesBoundEveryEncoding
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TheoryData<string> Samples() =>
    [
        "",
        "plain ascii, spaces and digits 0123456789",
        "שלום עולם",
        "quotes \" and \\ backslash & ' + < > ` and\ttab\nnewline\u0001",
        "emoji 😀 and 𝄞 (surrogate pairs), \u200f direction mark, \uFEFF",
        "日本語のテキスト и кириллица",
    ];

    [Theory]
    [MemberData(nameof(Samples))]
    public void TheBoundIsAtLeastWhatEitherEncoderWrites(string text)
    {
        var bound = TransactionSize.JsonStringBytes(text);

        Assert.InRange(JsonSerializer.SerializeToUtf8Bytes(text).Length, 0, bound);
        Assert.InRange(JsonSerializer.SerializeToUtf8Bytes(text, Relaxed).Length, 0, bound);
    }

    [Fact]
    public void RandomTextOverTheWholeCharacterRangeStaysWithinTheBound()
    {
        var random = new Random(15);
        for (var round = 0; round < 2000; round++)
        {
            var text = new StringBuilder();
            for (var i = random.Next(0, 40); i > 0; i--)
            {
                text.Append((char)(random.Next(4) == 0 ? random.Next(0, 128) : random.Next(0, 0x10000)));
            }

            var value = text.ToString();
            Assert.InRange(JsonSerializer.SerializeToUtf8Bytes(value).Length, 0, TransactionSize.JsonStringBytes(value));
        }
    }

    [Fact]
    public void HebrewAndPlainAsciiAreCountedExactly()
    {
        foreach (var text in new[] { "שלום עולם", "dana.cohen@example.com" })
        {
            Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(text).Length, TransactionSize.JsonStringBytes(text));
        }
    }
}
