using Tollway.Gateway.Access.Keys;
using Tollway.Gateway.Platform.Identifiers;

namespace Tollway.Gateway.Tests.Access.Keys;

public sealed class ApiKeyFormatTests
{
    [Fact]
    public void Generate_Always_IsPrefixFollowedByFortyBase62Characters()
    {
        var key = ApiKeyFormat.Generate();

        Assert.StartsWith("tw-", key, StringComparison.Ordinal);
        Assert.Equal(ApiKeyFormat.Prefix.Length + ApiKeyFormat.RandomLength, key.Length);
        Assert.Equal(43, key.Length);
        Assert.All(key[ApiKeyFormat.Prefix.Length..], c => Assert.Contains(c, RandomIds.Alphabet));
    }

    [Fact]
    public void Generate_ManyKeys_AreAllDistinct()
    {
        var keys = Enumerable.Range(0, 10_000).Select(_ => ApiKeyFormat.Generate()).ToList();

        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Generate_ManyKeys_UseTheWholeAlphabet()
    {
        // A generator stuck on a subset of the alphabet (say, digits only) would still pass the shape check above
        // while carrying far fewer bits than the documented ~238.
        var seen = new HashSet<char>();
        for (var i = 0; i < 1_000; i++)
        {
            seen.UnionWith(ApiKeyFormat.Generate()[ApiKeyFormat.Prefix.Length..]);
        }

        Assert.Equal(RandomIds.Alphabet.Length, seen.Count);
    }

    [Fact]
    public void LooksLikeKey_GeneratedKey_IsTrue() => Assert.True(ApiKeyFormat.LooksLikeKey(ApiKeyFormat.Generate()));

    [Theory]
    [InlineData("")]
    [InlineData("tw-")]
    [InlineData("tw-abc")]
    [InlineData("sk-0123456789012345678901234567890123456789")]
    [InlineData("TW-0123456789012345678901234567890123456789")]
    [InlineData("tw_0123456789012345678901234567890123456789")]
    [InlineData("tw-01234567890123456789012345678901234567890")]
    [InlineData("tw-012345678901234567890123456789012345678")]
    [InlineData(" tw-0123456789012345678901234567890123456789")]
    public void LooksLikeKey_WrongPrefixOrLength_IsFalse(string text) => Assert.False(ApiKeyFormat.LooksLikeKey(text));

    [Fact]
    public void LastFour_Key_ReturnsItsLastFourCharacters() =>
        Assert.Equal("abcd", ApiKeyFormat.LastFour("tw-000000000000000000000000000000000000abcd"));

    [Fact]
    public void Mask_LastFour_HidesEverythingButPrefixAndLastFour() => Assert.Equal("tw-…abcd", ApiKeyFormat.Mask("abcd"));

    [Fact]
    public void Mask_OfGeneratedKey_NeverContainsTheSecretPart()
    {
        var key = ApiKeyFormat.Generate();

        var masked = ApiKeyFormat.Mask(ApiKeyFormat.LastFour(key));

        Assert.Equal("tw-…" + key[^4..], masked);
        Assert.DoesNotContain(key[ApiKeyFormat.Prefix.Length..^4], masked, StringComparison.Ordinal);
    }
}
