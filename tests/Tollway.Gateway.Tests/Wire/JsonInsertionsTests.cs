using System.Buffers;
using System.Text;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Tests.Wire;

public sealed class JsonInsertionsTests
{
    private static readonly byte[] Json = """{"id":"x","usage":{"prompt_tokens":1}}"""u8.ToArray();

    [Fact]
    public void Apply_InsertionsOutOfOrder_SplicesEachAtItsOffset()
    {
        var usageEnd = Array.LastIndexOf(Json, (byte)'}') - 1;
        var spliced = JsonInsertions.Apply(Json, new JsonInsertion(usageEnd, ",\"cost\":1"u8.ToArray()), new JsonInsertion(1, "\"provider\":\"p\","u8.ToArray()));

        Assert.Equal("""{"provider":"p","id":"x","usage":{"prompt_tokens":1,"cost":1}}""", Encoding.UTF8.GetString(spliced));
    }

    [Fact]
    public void WriteTo_SmallSegments_WritesTheSameBytesAsApplyAndTheLengthItPredicts()
    {
        JsonInsertion[] insertions = [new(1, "\"provider\":\"p\","u8.ToArray()), new(Json.Length - 2, ",\"cost\":1"u8.ToArray())];
        // A writer that hands out a few bytes at a time, as a response pipe's segments end where they end.
        var writer = new ArrayBufferWriter<byte>(1);

        JsonInsertions.WriteTo(writer, Json, insertions);

        Assert.Equal(JsonInsertions.Apply(Json, insertions), writer.WrittenSpan.ToArray());
        Assert.Equal(JsonInsertions.LengthWith(Json, insertions), writer.WrittenCount);
    }

    [Fact]
    public void Apply_NoInsertions_CopiesTheDocument()
    {
        var copy = JsonInsertions.Apply(Json);

        Assert.Equal(Json, copy);
        Assert.NotSame(Json, copy);
    }
}
