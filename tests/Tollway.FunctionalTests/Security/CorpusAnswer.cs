using System.Text.Json;
using Tollway.Chain.X402;

namespace Tollway.FunctionalTests.Security;

/// <summary>Checks that an answer is the refusal a corpus case expects, in the error shape of the client's API.</summary>
public static class CorpusAnswer
{
    public static void Check(CorpusCase corpusCase, HttpResponseMessage response, string body)
    {
        var expect = corpusCase.Expect;
        var seen = $"{corpusCase.Id} ({corpusCase.File}) answered {(int)response.StatusCode}: {Shorten(body)}";
        Assert.True((int)response.StatusCode == expect.Status, $"expected {expect.Status}; {seen}");
        Assert.True(expect.Status is >= 400 and < 500, $"a corpus case must expect a refusal (4xx); {seen}");
        Assert.True(response.Content.Headers.ContentType?.MediaType is "application/json" or "application/problem+json", $"not JSON; {seen}");
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var message = corpusCase.Format switch
        {
            "openai" => OpenAi(root, expect, seen),
            "anthropic" => Anthropic(root, expect, seen),
            "problem" => Problem(root, response, expect, seen),
            "x402" => X402(root, response, expect, seen),
            var other => throw new InvalidDataException($"{corpusCase.Id}: unknown format '{other}'."),
        };
        if (expect.MessageContains is { } text)
        {
            Assert.True(message?.Contains(text, StringComparison.Ordinal) == true, $"the message does not say '{text}'; {seen}");
        }
    }

    private static string? OpenAi(JsonElement root, CorpusExpectation expect, string seen)
    {
        Assert.True(root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object, $"not OpenAI's error shape; {seen}");
        AssertField(error, "type", expect.Type, seen);
        AssertField(error, "code", expect.Code, seen);
        AssertField(error, "param", expect.Param, seen);
        return String(error, "message");
    }

    private static string? Anthropic(JsonElement root, CorpusExpectation expect, string seen)
    {
        Assert.True(String(root, "type") == "error", $"not Anthropic's error shape; {seen}");
        var error = root.GetProperty("error");
        AssertField(error, "type", expect.Type, seen);
        return String(error, "message");
    }

    private static string? Problem(JsonElement root, HttpResponseMessage response, CorpusExpectation expect, string seen)
    {
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"not a problem document; {seen}");
        Assert.True(root.TryGetProperty("status", out var status) && status.GetInt32() == expect.Status, $"the problem's status differs; {seen}");
        AssertField(root, "title", expect.Title, seen);
        AssertField(root, "reason", expect.Reason, seen);
        AssertField(root, "param", expect.Param, seen);
        return String(root, "detail");
    }

    /// <summary>A 402 challenge: the <c>PAYMENT-REQUIRED</c> header decodes, and its error starts with the expected code.</summary>
    private static string? X402(JsonElement root, HttpResponseMessage response, CorpusExpectation expect, string seen)
    {
        var header = response.Headers.TryGetValues(X402Headers.PaymentRequired, out var values) ? values.Single() : null;
        var challenge = X402Codec.DecodeRequired(header);
        Assert.True(challenge is not null, $"no x402 challenge in {X402Headers.PaymentRequired}; {seen}");
        var error = challenge.Error ?? "";
        Assert.True(expect.Code is null ? !error.Contains(':', StringComparison.Ordinal) : error.StartsWith(expect.Code + ":", StringComparison.Ordinal),
            $"the challenge's error is '{error}', expected code '{expect.Code}'; {seen}");
        Assert.Equal(error, String(root, "error"));
        return error;
    }

    private static void AssertField(JsonElement element, string name, string? expected, string seen)
    {
        var actual = String(element, name);
        Assert.True(actual == expected, $"'{name}' is '{actual ?? "null"}', expected '{expected ?? "null"}'; {seen}");
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Shorten(string body) => body.Length <= 600 ? body : body[..600] + $"… ({body.Length} characters)";
}
