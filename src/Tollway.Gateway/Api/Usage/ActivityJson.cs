using System.Globalization;
using System.Text.Json;
using Tollway.Gateway.Money.Ledger;

namespace Tollway.Gateway.Api.Usage;

/// <summary>Usage by UTC day and model, a page at a time: <c>{"data":[…],"next_offset":n|null}</c>.</summary>
internal static class ActivityJson
{
    public static void Write(Utf8JsonWriter writer, IReadOnlyList<UsageRow> rows, int offset, int limit)
    {
        writer.WriteStartArray("data");
        foreach (var row in rows.Take(limit))
        {
            writer.WriteStartObject();
            writer.WriteString("date", row.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.WriteString("model", row.Model);
            writer.WriteNumber("requests", row.Requests);
            UsageJson.WriteUsd(writer, "usage", row.Cost);
            writer.WriteNumber("prompt_tokens", row.PromptTokens);
            writer.WriteNumber("completion_tokens", row.CompletionTokens);
            writer.WriteNumber("reasoning_tokens", row.ReasoningTokens);
            writer.WriteNumber("cached_tokens", row.CachedTokens);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (rows.Count > limit)
        {
            writer.WriteNumber("next_offset", offset + limit);
        }
        else
        {
            writer.WriteNull("next_offset");
        }
    }
}
