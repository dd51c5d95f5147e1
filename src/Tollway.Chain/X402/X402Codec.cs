using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Tollway.Chain.X402;

/// <summary>
/// The transport encoding of x402 headers: standard base64 (with padding) of UTF-8 JSON, as the reference clients
/// write and read it. Decoding never throws: a header that is not base64 or not the expected JSON is <c>null</c>.
/// </summary>
public static class X402Codec
{
    /// <summary>The most a payment header may hold; a real one is under 2 KB.</summary>
    public const int MaxHeaderLength = 16 * 1024;

    /// <summary>Base64 of the challenge, for <c>PAYMENT-REQUIRED</c>.</summary>
    public static string Encode(PaymentRequired value) => Encode(value, X402JsonContext.Default.PaymentRequired);

    /// <summary>Base64 of the settlement, for <c>PAYMENT-RESPONSE</c> and <c>X-PAYMENT-RESPONSE</c>.</summary>
    public static string Encode(SettlementResponse value) => Encode(value, X402JsonContext.Default.SettlementResponse);

    /// <summary>Base64 of a payment payload (what clients send; used by tests and tools).</summary>
    public static string Encode(PaymentPayload value) => Encode(value, X402JsonContext.Default.PaymentPayload);

    /// <summary>The JSON of the version-1 challenge, for the 402 body.</summary>
    public static byte[] SerializeV1(PaymentRequiredV1 value) =>
        JsonSerializer.SerializeToUtf8Bytes(value, X402JsonContext.Default.PaymentRequiredV1);

    /// <summary>Decodes a <c>PAYMENT-SIGNATURE</c> or <c>X-PAYMENT</c> header; <c>null</c> when it is not base64 JSON of a payload.</summary>
    public static PaymentPayload? DecodePayment(string? header) => Decode(header, X402JsonContext.Default.PaymentPayload);

    /// <summary>Decodes a <c>PAYMENT-REQUIRED</c> header; <c>null</c> when malformed.</summary>
    public static PaymentRequired? DecodeRequired(string? header) => Decode(header, X402JsonContext.Default.PaymentRequired);

    /// <summary>Decodes a <c>PAYMENT-RESPONSE</c> header; <c>null</c> when malformed.</summary>
    public static SettlementResponse? DecodeSettlement(string? header) => Decode(header, X402JsonContext.Default.SettlementResponse);

    private static string Encode<T>(T value, JsonTypeInfo<T> type) =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(value, type));

    private static T? Decode<T>(string? header, JsonTypeInfo<T> type)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(header) || header.Length > MaxHeaderLength)
        {
            return null;
        }

        var text = header.Trim();
        var buffer = ArrayPool<byte>.Shared.Rent(Base64.GetMaxDecodedFromUtf8Length(text.Length));
        try
        {
            if (!Convert.TryFromBase64String(text, buffer, out var length))
            {
                return null;
            }

            return JsonSerializer.Deserialize(buffer.AsSpan(0, length), type);
        }
        catch (JsonException)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
