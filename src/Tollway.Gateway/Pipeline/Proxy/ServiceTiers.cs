using System.Text.Json;

namespace Tollway.Gateway.Pipeline.Proxy;

/// <summary>
/// The <c>service_tier</c> values the gateway can bill. OpenAI's <c>priority</c> processing costs more and is billed at
/// the endpoint's priority rates; <c>auto</c>, <c>default</c> (and Groq's <c>on_demand</c>) are the standard tier, and
/// <c>flex</c> costs less, so billing it at the standard rates is on the safe side. Any other tier may cost more than
/// the gateway knows of (OpenAI's <c>scale</c> draws on committed capacity), so it is refused.
/// </summary>
internal static class ServiceTiers
{
    public const string Refusal =
        "'service_tier' must be 'auto', 'default', 'flex' or 'priority': this gateway cannot bill other tiers.";

    /// <summary>Whether the value the reader is on asks for the priority tier; <see langword="null"/> for a tier that
    /// cannot be billed. A null value is the provider's default.</summary>
    public static bool? Read(ref Utf8JsonReader reader)
    {
        if (!OptionalMember.IsToRead(ref reader, JsonTokenType.String, out var verdict))
        {
            return verdict;
        }

        return reader.ValueTextEquals("priority"u8) ? (bool?)true
            : reader.ValueTextEquals("auto"u8) || reader.ValueTextEquals("default"u8) || reader.ValueTextEquals("flex"u8)
                || reader.ValueTextEquals("on_demand"u8) ? false
            : null;
    }
}
