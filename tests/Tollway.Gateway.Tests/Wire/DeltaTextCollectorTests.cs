using System.Text;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Tests.Wire;

public sealed class DeltaTextCollectorTests
{
    [Fact]
    public void Add_ContentOfChunks_IsKeptInOrder()
    {
        var collector = new DeltaTextCollector();

        collector.Add("""{"choices":[{"delta":{"content":"Hello"}}]}"""u8);
        collector.Add("""{"choices":[{"delta":{"reasoning_content":", world"}}]}"""u8);

        Assert.Equal("Hello, world", collector.ToString());
    }

    [Fact]
    public void Add_MoreTextThanItKeeps_KeepsTheFirstPartOnly()
    {
        // A stream that never ends (a hostile upstream URL, for the whole total timeout) used to be kept whole in memory.
        var collector = new DeltaTextCollector();
        var chunk = Encoding.UTF8.GetBytes("{\"choices\":[{\"delta\":{\"content\":\"" + new string('x', 1_000_000) + "\"}}]}");

        for (var i = 0; i < 20; i++)
        {
            collector.Add(chunk);
        }

        Assert.Equal(DeltaTextCollector.MaxKeptChars, collector.ToString().Length);
    }

    [Theory]
    [InlineData("""{"choices":[{"delta":{"content":"\ud800"}}]}""")]
    [InlineData("""{"choices":[{"delta":{"content":"\udc00 after"}}]}""")]
    public void Add_StringThatIsNotText_AddsNothingAndDoesNotThrow(string chunk)
    {
        var collector = new DeltaTextCollector();

        collector.Add(Encoding.UTF8.GetBytes(chunk));

        Assert.True(collector.IsEmpty);
    }

    [Fact]
    public void Add_InvalidUtf8_AddsNothingAndDoesNotThrow()
    {
        var collector = new DeltaTextCollector();

        collector.Add([.. """{"choices":[{"delta":{"content":"a"""u8, 0xFF, .. "\"}}]}"u8]);

        Assert.True(collector.IsEmpty);
    }
}
