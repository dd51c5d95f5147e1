namespace Tollway.Gateway.Catalog.Tokens;

/// <summary>
/// A prompt as counted for a hold: the tokens of everything that can be counted (never fewer than the provider will
/// bill for it), and whether the request also carries input whose billed size nothing in it bounds — a file by id, a
/// document (its pages and extracted text), media by URL where the provider may fetch any kind, audio or video billed
/// by its length, content the provider decrypts. Such a prompt is held at the endpoint's whole context window.
/// </summary>
/// <param name="Tokens">The tokens counted.</param>
/// <param name="Unmeasured">Whether part of the prompt could not be counted.</param>
public readonly record struct PromptEstimate(int Tokens, bool Unmeasured = false)
{
    /// <summary>Whether the prompt carries input the provider may bill as audio, at its own rate: an audio part, a video
    /// (Gemini bills its sound track as audio), media by URL that a Gemini provider fetches whatever its kind.</summary>
    public bool Audio { get; init; }

    /// <summary>Of <see cref="Tokens"/>, those counted for audio parts whose length their data bounds.</summary>
    public int AudioTokens { get; init; }

    /// <summary>Whether the prompt carries a document (a <c>file</c> part), which some providers parse at a fee per page.</summary>
    public bool Documents { get; init; }
}
