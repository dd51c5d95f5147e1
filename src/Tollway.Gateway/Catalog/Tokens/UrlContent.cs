namespace Tollway.Gateway.Catalog.Tokens;

/// <summary>What a media URL of a content part may hold, as far as billing is concerned.</summary>
internal enum UrlContent
{
    /// <summary>A data URL of an <c>image/</c> type.</summary>
    ImageData,

    /// <summary>A data URL of an <c>audio/</c> or <c>video/</c> type: billed by its length, its sound as audio.</summary>
    SoundData,

    /// <summary>A data URL of any other type (a PDF): billed as what it is.</summary>
    OtherData,

    /// <summary>A URL the provider fetches.</summary>
    Remote,
}
