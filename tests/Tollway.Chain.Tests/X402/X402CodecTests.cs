using Tollway.Chain.X402;

namespace Tollway.Chain.Tests.X402;

public sealed class X402CodecTests
{
    /// <summary>The <c>PAYMENT-SIGNATURE</c> example of the x402 v2 HTTP transport specification.</summary>
    private const string SpecPaymentSignature =
        "eyJ4NDAyVmVyc2lvbiI6MiwicmVzb3VyY2UiOnsidXJsIjoiaHR0cHM6Ly9hcGkuZXhhbXBsZS5jb20vcHJlbWl1bS1kYXRhIiwiZGVzY3JpcHRpb24iOiJBY2Nlc3MgdG8gcHJlbWl1bSBtYXJrZXQgZGF0YSIsIm1pbWVUeXBlIjoiYXBwbGljYXRpb24vanNvbiJ9LCJhY2NlcHRlZCI6eyJzY2hlbWUiOiJleGFjdCIsIm5ldHdvcmsiOiJlaXAxNTU6ODQ1MzIiLCJhbW91bnQiOiIxMDAwMCIsImFzc2V0IjoiMHgwMzZDYkQ1Mzg0MmM1NDI2NjM0ZTc5Mjk1NDFlQzIzMThmM2RDRjdlIiwicGF5VG8iOiIweDIwOTY5M0JjNmFmYzBDNTMyOGJBMzZGYUYwM0M1MTRFRjMxMjI4N0MiLCJtYXhUaW1lb3V0U2Vjb25kcyI6NjAsImV4dHJhIjp7Im5hbWUiOiJVU0RDIiwidmVyc2lvbiI6IjIifX0sInBheWxvYWQiOnsic2lnbmF0dXJlIjoiMHgyZDZhNzU4OGQ2YWNjYTUwNWNiZjBkOWE0YTIyN2UwYzUyYzZjMzQwMDhjOGU4OTg2YTEyODMyNTk3NjQxNzM2MDhhMmNlNjQ5NjY0MmUzNzdkNmRhOGRiYmY1ODM2ZTliZDE1MDkyZjllY2FiMDVkZWQzZDYyOTNhZjE0OGI1NzFjIiwiYXV0aG9yaXphdGlvbiI6eyJmcm9tIjoiMHg4NTdiMDY1MTlFOTFlM0E1NDUzODc5MWJEYmIwRTIyMzczZTM2YjY2IiwidG8iOiIweDIwOTY5M0JjNmFmYzBDNTMyOGJBMzZGYUYwM0M1MTRFRjMxMjI4N0MiLCJ2YWx1ZSI6IjEwMDAwIiwidmFsaWRBZnRlciI6IjE3NDA2NzIwODkiLCJ2YWxpZEJlZm9yZSI6IjE3NDA2NzIxNTQiLCJub25jZSI6IjB4ZjM3NDY2MTNjMmQ5MjBiNWZkYWJjMDg1NmYyYWViMmQ0Zjg4ZWU2MDM3YjhjYzVkMDRhNzFhNDQ2MmYxMzQ4MCJ9fX0=";

    [Fact]
    public void DecodePayment_SpecificationExample_ReadsEveryField()
    {
        var payload = X402Codec.DecodePayment(SpecPaymentSignature);

        Assert.NotNull(payload);
        Assert.Equal(2, payload.X402Version);
        Assert.Equal("https://api.example.com/premium-data", payload.Resource?.Url);
        Assert.Equal(new PaymentRequirements("exact", "eip155:84532", "10000", "0x036CbD53842c5426634e7929541eC2318f3dCF7e",
            "0x209693Bc6afc0C5328bA36FaF03C514EF312287C", 60, new PaymentExtra("USDC", "2")), payload.Accepted);
        Assert.Equal("0x857b06519E91e3A54538791bDbb0E22373e36b66", payload.Payload?.Authorization?.From);
        Assert.Equal("1740672154", payload.Payload?.Authorization?.ValidBefore);
        Assert.StartsWith("0x2d6a7588", payload.Payload?.Signature, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_PaymentRequired_WritesTheSpecificationsCamelCaseNamesAndRoundTrips()
    {
        var required = new PaymentRequired(2, "PAYMENT-SIGNATURE header is required", new ResourceInfo("http://h/v1/chat/completions", "d", "application/json"),
            [new PaymentRequirements("exact", "eip155:31337", "1500", "0xa", "0xb", 300, new PaymentExtra("Tollway Test USD", "1"))]);

        var header = X402Codec.Encode(required);
        var json = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(header));

        Assert.Contains("\"x402Version\":2", json, StringComparison.Ordinal);
        Assert.Contains("\"accepts\":[{\"scheme\":\"exact\",\"network\":\"eip155:31337\",\"amount\":\"1500\",\"asset\":\"0xa\",\"payTo\":\"0xb\",\"maxTimeoutSeconds\":300,\"extra\":{\"name\":\"Tollway Test USD\",\"version\":\"1\"}}]",
            json, StringComparison.Ordinal);
        Assert.Equal(required.Accepts, X402Codec.DecodeRequired(header)?.Accepts);
    }

    [Fact]
    public void SerializeV1_Challenge_UsesMaxAmountRequiredAndResourceUrl()
    {
        var v1 = new PaymentRequiredV1(1, "X-PAYMENT header is required",
            [new PaymentRequirementsV1("exact", "base", "10", "http://h/r", "d", "application/json", "0xb", 60, "0xa", new PaymentExtra("USD Coin", "2"))]);

        var json = System.Text.Encoding.UTF8.GetString(X402Codec.SerializeV1(v1));

        Assert.Equal(
            "{\"x402Version\":1,\"error\":\"X-PAYMENT header is required\",\"accepts\":[{\"scheme\":\"exact\",\"network\":\"base\",\"maxAmountRequired\":\"10\",\"resource\":\"http://h/r\",\"description\":\"d\",\"mimeType\":\"application/json\",\"payTo\":\"0xb\",\"maxTimeoutSeconds\":60,\"asset\":\"0xa\",\"extra\":{\"name\":\"USD Coin\",\"version\":\"2\"}}]}",
            json);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("bm90IGpzb24=")]
    [InlineData("WzEsMl0=")]
    public void DecodePayment_NotBase64Json_ReturnsNull(string? header)
    {
        Assert.Null(X402Codec.DecodePayment(header));
    }

    [Fact]
    public void DecodeSettlement_EncodedSettlement_RoundTrips()
    {
        var settlement = new SettlementResponse(true, "0x12", "eip155:8453", "0x85");

        Assert.Equal(settlement, X402Codec.DecodeSettlement(X402Codec.Encode(settlement)));
    }
}
