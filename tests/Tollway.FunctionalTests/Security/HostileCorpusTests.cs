using System.Net;
using Books = Tollway.FunctionalTests.Infrastructure.Billing;

namespace Tollway.FunctionalTests.Security;

/// <summary>
/// The hostile corpus (<c>Corpus/*.json</c>) end to end against one real gateway with every endpoint on: each case is
/// refused with its expected status and error in the client's format, reaches no provider, and moves no money (every
/// account's balance, what this node holds, and the journal are as they were). After the whole corpus the gateway is
/// still healthy, serves and bills a normal request, and has written no log line that echoes what it was sent.
/// </summary>
[TestCaseOrderer(typeof(RunLastOrderer))]
public sealed class HostileCorpusTests(HostileCorpusFixture gateway) : IClassFixture<HostileCorpusFixture>
{
    /// <summary>The longest log line the corpus may leave: enough for any message with its stack trace, far less than the
    /// megabyte of model name or the 20 KB headers the corpus sends.</summary>
    private const int MaxLogLineLength = 16 * 1024;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> CaseIds() => [.. HostileCorpus.Cases.Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(CaseIds))]
    public async Task Send_HostileRequest_IsRefusedInTheClientsFormatAndChangesNothing(string id)
    {
        var corpusCase = HostileCorpus.Cases[id];
        using var request = await new CorpusPlaceholders(gateway).RequestAsync(corpusCase);
        gateway.Upstream.Reset();
        var books = await gateway.BooksAsync();

        using var response = await gateway.Http.SendAsync(request, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        CorpusAnswer.Check(corpusCase, response, body);
        Assert.True(gateway.Upstream.RequestCount == 0, $"{id} reached the provider.");
        Assert.Equal(books, await gateway.BooksAsync());
    }

    [Fact]
    public void Corpus_EveryEndpointAndCategory_KeepsItsMinimum()
    {
        var cases = HostileCorpus.Cases.Values.ToList();

        Assert.True(cases.Count >= HostileCorpus.MinimumTotal, $"{cases.Count} cases, fewer than {HostileCorpus.MinimumTotal}.");
        Assert.All(HostileCorpus.Categories, category => Assert.True(
            cases.Count(c => c.Category == category) >= HostileCorpus.MinimumPerCategory,
            $"'{category}' has {cases.Count(c => c.Category == category)} cases, fewer than {HostileCorpus.MinimumPerCategory}."));
        Assert.All(HostileCorpus.Endpoints, endpoint => Assert.True(
            cases.Count(c => c.Endpoint == endpoint) >= HostileCorpus.MinimumPerEndpoint,
            $"'{endpoint}' has {cases.Count(c => c.Endpoint == endpoint)} cases, fewer than {HostileCorpus.MinimumPerEndpoint}."));
        Assert.DoesNotContain(cases, c => !HostileCorpus.Endpoints.Contains(c.Endpoint));
    }

    [Fact]
    [RunLast]
    public async Task Gateway_AfterTheWholeCorpus_IsHealthyAndServesAndBillsANormalRequest()
    {
        gateway.Upstream.Reset();
        using var health = await gateway.Http.GetAsync(new Uri(gateway.BaseUrl, "/healthz"), Ct);
        var accountId = gateway.Accounts[0];
        var before = await Books.BalanceAsync(gateway, accountId);

        using var response = await gateway.PostAsync("/v1/chat/completions", """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"still there?"}]}""", gateway.Value("key"));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, gateway.Upstream.RequestCount);
        var charge = await Books.WaitForChargeAsync(gateway, Books.RequestId(response));
        Assert.True(charge.Total > 0);
        Assert.Equal(before - charge.Total, await Books.BalanceAsync(gateway, accountId));
        var longest = gateway.Logs.Lines.MaxBy(line => line.Length) ?? "";
        Assert.True(longest.Length <= MaxLogLineLength, $"A log line of {longest.Length} characters: {longest[..Math.Min(300, longest.Length)]}");
    }
}
