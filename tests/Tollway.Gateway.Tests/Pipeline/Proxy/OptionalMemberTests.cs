using System.Text;
using System.Text.Json;
using Tollway.Gateway.Pipeline.Proxy;

namespace Tollway.Gateway.Tests.Pipeline.Proxy;

public sealed class OptionalMemberTests
{
    [Theory]
    [InlineData("null", false, false)]
    [InlineData("\"fast\"", true, null)]
    [InlineData("{\"a\":[1]}", false, null)]
    [InlineData("[1,2]", false, null)]
    public void IsToRead_ValueOfEachType_ReadsOnlyTheExpectedOne(string value, bool read, bool? verdict)
    {
        var json = Encoding.UTF8.GetBytes($"[{value},0]");
        var reader = new Utf8JsonReader(json);
        reader.Read();
        reader.Read();

        Assert.Equal(read, OptionalMember.IsToRead(ref reader, JsonTokenType.String, out var answer));
        if (!read)
        {
            Assert.Equal(verdict, answer);
            // Left on the value's last token: the next one is the array's next value.
            reader.Read();
            Assert.Equal(JsonTokenType.Number, reader.TokenType);
        }
    }
}
