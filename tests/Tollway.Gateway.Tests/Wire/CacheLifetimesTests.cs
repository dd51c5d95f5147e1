using System.Text;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Tests.Wire;

/// <summary>Finding 1-hour cache writes (billed at twice the input rate) wherever a body asks for them.</summary>
public sealed class CacheLifetimesTests
{
    [Theory]
    [InlineData("""{"model":"m","system":[{"type":"text","text":"Be brief.","cache_control":{"type":"ephemeral","ttl":"1h"}}],"messages":[]}""")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"hi","cache_control":{"ttl":"1h","type":"ephemeral"}}]}]}""")]
    [InlineData("""{"model":"m","messages":[],"tools":[{"name":"f","input_schema":{},"cache_control":{"type":"ephemeral","ttl":"60m"}}]}""")]
    [InlineData("""{"model":"m","messages":[],"cache_control":{"type":"ephemeral","ttl":"1h"}}""")]
    [InlineData("""{"model":"m","messages":[],"cache_\u0063ontrol":{"type":"ephemeral","\u0074tl":"1h"}}""")]
    [InlineData("""{"model":"m","messages":[],"cache_control":{"type":"ephemeral","ttl":"5m","ttl":"1h"}}""")]
    [InlineData("""{"model":"m","messages":[],"cache_control":{"type":"ephemeral","ttl":3600}}""")]
    public void AsksForLongCacheWrites_AnyTtlButFiveMinutes_IsFound(string body) =>
        Assert.True(CacheLifetimes.AsksForLongCacheWrites(Encoding.UTF8.GetBytes(body)));

    [Theory]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"hi"}]}""")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"hi","cache_control":{"type":"ephemeral"}}]}]}""")]
    [InlineData("""{"model":"m","messages":[],"cache_control":{"type":"ephemeral","ttl":"5m"}}""")]
    [InlineData("""{"model":"m","messages":[],"cache_control":{"type":"ephemeral","ttl":null}}""")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"a \"cache_control\": {\"ttl\": \"1h\"} in text, \u00e9"}]}""")]
    [InlineData("""{"model":"m","messages":[],"metadata":{"ttl":"1h"}}""")]
    public void AsksForLongCacheWrites_NoneOrFiveMinutes_IsNotFound(string body) =>
        Assert.False(CacheLifetimes.AsksForLongCacheWrites(Encoding.UTF8.GetBytes(body)));
}
