namespace Tollway.Gateway.Catalog.Tokens;

/// <summary>What the media parts of a prompt add up to beside their tokens, gathered while it is counted.</summary>
internal struct MediaTally
{
    /// <summary>A part whose billed size nothing in the request bounds.</summary>
    public bool Unmeasured;

    /// <summary>A part the provider may bill as audio.</summary>
    public bool Audio;

    /// <summary>Tokens counted for audio parts.</summary>
    public long AudioTokens;

    /// <summary>A document (<c>file</c>) part.</summary>
    public bool Documents;
}
