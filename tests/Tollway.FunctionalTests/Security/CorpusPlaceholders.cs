using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Tollway.FunctionalTests.Security;

/// <summary>
/// Fills in a case's placeholders. Credentials and ids come from the fixture (<c>{{key}}</c>, <c>{{session}}</c>, …);
/// some are made per use (<c>{{nonce}}</c>, <c>{{time:-3600}}</c>, <c>{{x402:expired}}</c>); <c>{{repeat:N:text}}</c>
/// repeats text N times; and <c>{{siweSignature}}</c> / <c>{{otherSignature}}</c>, filled in last, sign the body's
/// <c>message</c> with the corpus wallet or with another key.
/// </summary>
public sealed partial class CorpusPlaceholders(HostileCorpusFixture gateway)
{
    public const string SiweSignature = "{{siweSignature}}";

    public const string OtherSignature = "{{otherSignature}}";

    private const int LargeBody = 64 * 1024;

    /// <summary>The request a case describes, its placeholders filled in.</summary>
    public async Task<HttpRequestMessage> RequestAsync(CorpusCase corpusCase)
    {
        var path = await FillAsync(corpusCase.Path, corpusCase);
        var request = new HttpRequestMessage(new HttpMethod(corpusCase.Method), new Uri(gateway.BaseUrl, path));
        foreach (var (name, value) in corpusCase.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, await FillAsync(value, corpusCase));
        }

        if (await BodyAsync(corpusCase) is { } body)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
            // A body the gateway refuses on its declared length is never read: asking first, as a large upload should,
            // spares the client a reset connection while it is still sending.
            request.Headers.ExpectContinue = body.Length > LargeBody;
        }

        return request;
    }

    private async Task<byte[]?> BodyAsync(CorpusCase corpusCase)
    {
        if (corpusCase.Base64 is { } base64)
        {
            return Convert.FromBase64String(base64);
        }

        var text = corpusCase.Text ?? (corpusCase.Json is { } json ? json.GetRawText() : null);
        if (text is null)
        {
            return null;
        }

        text = await FillAsync(text, corpusCase);
        if (text.Contains(SiweSignature, StringComparison.Ordinal) || text.Contains(OtherSignature, StringComparison.Ordinal))
        {
            text = Sign(text);
        }

        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>Replaces every placeholder but the signatures.</summary>
    private async Task<string> FillAsync(string text, CorpusCase corpusCase)
    {
        var filled = new StringBuilder();
        var last = 0;
        foreach (Match match in Placeholder().Matches(text))
        {
            filled.Append(text, last, match.Index - last);
            last = match.Index + match.Length;
            var (name, argument) = (match.Groups["name"].Value, match.Groups["argument"].Success ? match.Groups["argument"].Value : null);
            filled.Append(name switch
            {
                "siweSignature" or "otherSignature" => match.Value,
                "repeat" => Repeat(argument!),
                "time" => Time(argument!),
                "nonce" => await gateway.NonceAsync(),
                "x402" => X402Payments.Header(await ChallengeAsync(corpusCase), argument!, gateway.X402MustOutlast),
                _ => gateway.Value(name),
            });
        }

        return filled.Append(text, last, text.Length - last).ToString();
    }

    /// <summary>The x402 challenge the case's request gets without its headers (so without a key or a payment).</summary>
    private async Task<Tollway.Chain.X402.PaymentRequired> ChallengeAsync(CorpusCase corpusCase)
    {
        using var request = await RequestAsync(corpusCase with { Headers = [] });
        using var response = await gateway.Http.SendAsync(request);
        var header = response.Headers.TryGetValues(Tollway.Chain.X402.X402Headers.PaymentRequired, out var values) ? values.Single() : null;
        return Tollway.Chain.X402.X402Codec.DecodeRequired(header)
            ?? throw new InvalidDataException($"{corpusCase.Id}: without a key, the request got {(int)response.StatusCode} and no x402 challenge to pay.");
    }

    /// <summary>Signs the body's <c>message</c> with the corpus wallet (or another key) and puts the signature in.</summary>
    private string Sign(string body)
    {
        var message = JsonNode.Parse(body)?["message"]?.GetValue<string>() ?? throw new InvalidDataException("A signed case's body needs a 'message'.");
        return body
            .Replace(SiweSignature, gateway.CorpusWallet.SignMessage(message), StringComparison.Ordinal)
            .Replace(OtherSignature, Tollway.Testing.Chain.TestWallet.Create().SignMessage(message), StringComparison.Ordinal);
    }

    private static string Repeat(string argument)
    {
        var colon = argument.IndexOf(':', StringComparison.Ordinal);
        var count = int.Parse(argument[..colon], CultureInfo.InvariantCulture);
        return new StringBuilder(count * (argument.Length - colon - 1)).Insert(0, argument[(colon + 1)..], count).ToString();
    }

    /// <summary>Now plus the given seconds, as EIP-4361 writes times.</summary>
    private static string Time(string offsetSeconds) =>
        DateTimeOffset.UtcNow.AddSeconds(double.Parse(offsetSeconds, CultureInfo.InvariantCulture)).UtcDateTime
            .ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\{\{(?<name>[A-Za-z0-9]+)(?::(?<argument>[^}]*))?\}\}")]
    private static partial Regex Placeholder();
}
