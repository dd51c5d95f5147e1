using System.Text;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Upstream.Routing;

namespace Tollway.Gateway.Tests.Upstream.Routing;

public sealed class ProviderPreferencesReaderTests
{
    [Fact]
    public void ReadModels_ListAtTheLimit_IsRead()
    {
        var (models, error) = ProviderPreferencesReader.ReadModels(Names(ProviderPreferencesReader.MaxListLength, 10));

        Assert.Null(error);
        Assert.Equal(ProviderPreferencesReader.MaxListLength, models!.Count);
    }

    [Theory]
    [InlineData(ProviderPreferencesReader.MaxListLength + 1, 10)]
    [InlineData(200_000, 8)]
    [InlineData(1, CatalogModel.MaxIdLength + 1)]
    public void ReadModels_TooManyOrTooLongNames_IsRefusedSayingTheLimits(int count, int length)
    {
        var (models, error) = ProviderPreferencesReader.ReadModels(Names(count, length));

        Assert.Null(models);
        Assert.Equal($"'models' takes at most {ProviderPreferencesReader.MaxListLength} names of at most {CatalogModel.MaxIdLength} characters each.", error);
    }

    [Theory]
    [InlineData("order")]
    [InlineData("only")]
    [InlineData("ignore")]
    public void Read_ProviderListLongerThanTheLimit_IsRefusedNamingIt(string list)
    {
        byte[] json = [.. Encoding.UTF8.GetBytes($"{{\"{list}\":"), .. Names(ProviderPreferencesReader.MaxListLength + 1, 5), (byte)'}'];

        var (preferences, error) = ProviderPreferencesReader.Read(json);

        Assert.Null(preferences);
        Assert.StartsWith($"'{list}' takes at most", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadModels_NotAnArrayOfStrings_SaysSo() =>
        Assert.Equal("'models' must be an array of strings.", ProviderPreferencesReader.ReadModels("[1]"u8).Error);

    /// <summary>A JSON array of <paramref name="count"/> distinct names of <paramref name="length"/> characters.</summary>
    private static byte[] Names(int count, int length) => Encoding.UTF8.GetBytes(
        "[" + string.Join(',', Enumerable.Range(0, count).Select(i => $"\"{i.ToString("D", System.Globalization.CultureInfo.InvariantCulture).PadLeft(length, 'm')}\"")) + "]");
}
