using System.Text.Json;

namespace Tollway.Gateway.Pipeline.Proxy;

/// <summary>
/// A chat completion's <c>web_search_options</c>: present (an object), it asks the endpoint to search the web, which
/// search models and Perplexity bill per request and OpenRouter passes on to a provider's native search. Perplexity's
/// <c>search_type</c> <c>pro</c> (or <c>auto</c>, which may choose it) runs Pro Search, billed above the fast search an
/// endpoint's <c>webSearch</c> price is for, so it is refused.
/// </summary>
internal static class ChatSearchOptions
{
    public const string Refusal =
        "'web_search_options' must be an object, and its 'search_type' (if any) 'fast': this gateway cannot bill Pro Search.";

    /// <summary>Whether the value the reader is on asks for a search; <see langword="null"/> for one that cannot be
    /// billed. Leaves the reader on the value's last token.</summary>
    public static bool? Read(ref Utf8JsonReader reader)
    {
        if (!OptionalMember.IsToRead(ref reader, JsonTokenType.StartObject, out var verdict))
        {
            return verdict;
        }

        // Every search_type is looked at: of a repeated one, the provider may read either.
        var billable = true;
        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1 && reader.ValueTextEquals("search_type"u8))
            {
                reader.Read();
                billable &= reader.TokenType == JsonTokenType.Null || (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("fast"u8));
                reader.Skip();
            }
        }

        return billable ? true : null;
    }
}
