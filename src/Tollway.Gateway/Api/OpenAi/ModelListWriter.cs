using System.Text.Json;
using Tollway.Gateway.Access.Keys;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Money.Pricing;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Api.OpenAi;

/// <summary>
/// Writes <c>GET /v1/models</c>: OpenAI's list shape (<c>object</c>, <c>id</c>, <c>created</c>, <c>owned_by</c>) with
/// OpenRouter's model fields (<c>name</c>, <c>context_length</c>, <c>architecture</c>, <c>pricing</c> in USD per
/// token as strings, <c>top_provider</c>, <c>supported_parameters</c>), so both kinds of clients read it; plus
/// <c>price_date</c>, the day the price in force was read (shipped) or set (runtime), <see langword="null"/> for a
/// configured price.
/// </summary>
internal static class ModelListWriter
{
    public static void Write(Utf8JsonWriter writer, ModelCatalog catalog, PriceBook prices, ApiKeyRecord key)
    {
        writer.WriteStartObject();
        writer.WriteString("object"u8, "list");
        writer.WriteStartArray("data"u8);
        foreach (var model in catalog.Models)
        {
            if (key.Allows(model.Id))
            {
                WriteModel(writer, model, prices);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteModel(Utf8JsonWriter writer, CatalogModel model, PriceBook prices)
    {
        var primary = model.Primary;
        var pricing = prices.PriceOf(model, primary);
        writer.WriteStartObject();
        writer.WriteString("id"u8, model.Id);
        writer.WriteString("object"u8, "model");
        writer.WriteNumber("created"u8, model.Created.ToUnixTimeSeconds());
        writer.WriteString("owned_by"u8, primary.Provider.Name);
        writer.WriteString("name"u8, model.DisplayName);
        writer.WriteString("description"u8, model.Description ?? "");
        WriteNullableInt(writer, "context_length"u8, primary.ContextLength);

        writer.WriteStartObject("architecture"u8);
        var output = model.Kind == ModelKind.Embedding ? "embeddings" : "text";
        writer.WriteString("modality"u8, "text->" + output);
        writer.WriteStartArray("input_modalities"u8);
        writer.WriteStringValue("text");
        if (primary.SupportsVision == true)
        {
            writer.WriteStringValue("image");
        }

        writer.WriteEndArray();
        writer.WriteStartArray("output_modalities"u8);
        writer.WriteStringValue(output);
        writer.WriteEndArray();
        writer.WriteEndObject();

        if (pricing is not null)
        {
            WritePricing(writer, pricing);
        }

        if (prices.PriceDateOf(model, primary) is { } priceDate)
        {
            writer.WriteString("price_date"u8, priceDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNull("price_date"u8);
        }

        WriteSupportedParameters(writer, model.Kind, primary);

        writer.WriteStartObject("top_provider"u8);
        WriteNullableInt(writer, "context_length"u8, primary.ContextLength);
        WriteNullableInt(writer, "max_completion_tokens"u8, primary.MaxOutputTokens);
        writer.WriteBoolean("is_moderated"u8, false);
        writer.WriteEndObject();

        writer.WriteStartArray("endpoints"u8);
        foreach (var endpoint in model.Endpoints)
        {
            writer.WriteStringValue(endpoint.Provider.Name);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>OpenRouter's names for what the endpoint is known to accept; an unknown capability is left out, as OpenRouter does.</summary>
    private static void WriteSupportedParameters(Utf8JsonWriter writer, ModelKind kind, ModelEndpoint endpoint)
    {
        writer.WriteStartArray("supported_parameters"u8);
        if (kind == ModelKind.Chat)
        {
            writer.WriteStringValue("max_tokens");
        }

        if (endpoint.SupportsTools == true)
        {
            writer.WriteStringValue("tools");
            writer.WriteStringValue("tool_choice");
        }

        if (endpoint.SupportsJsonSchema == true)
        {
            writer.WriteStringValue("response_format");
            writer.WriteStringValue("structured_outputs");
        }

        if (endpoint.SupportsReasoning == true)
        {
            writer.WriteStringValue("reasoning");
            writer.WriteStringValue("include_reasoning");
        }

        writer.WriteEndArray();
    }

    private static void WritePricing(Utf8JsonWriter writer, ModelPricing pricing)
    {
        writer.WriteStartObject("pricing"u8);
        writer.WriteString("prompt"u8, UsdAmount.FormatUsdPerToken(pricing.InputPerMillion));
        writer.WriteString("completion"u8, UsdAmount.FormatUsdPerToken(pricing.OutputPerMillion));
        writer.WriteString("request"u8, UsdAmount.FormatUsd(pricing.RequestFee));
        writer.WriteString("image"u8, "0");
        writer.WriteString("input_cache_read"u8, UsdAmount.FormatUsdPerToken(pricing.CachedInputPerMillion ?? pricing.InputPerMillion));
        writer.WriteString("input_cache_write"u8, UsdAmount.FormatUsdPerToken(pricing.CacheWritePerMillion ?? pricing.InputPerMillion));
        writer.WriteString("internal_reasoning"u8, UsdAmount.FormatUsdPerToken(pricing.ReasoningPerMillion ?? pricing.OutputPerMillion));
        writer.WriteEndObject();
    }

    private static void WriteNullableInt(Utf8JsonWriter writer, ReadOnlySpan<byte> name, int? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
