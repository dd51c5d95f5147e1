using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Money.Ledger;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Tests.Pipeline.Proxy;

/// <summary>Records how a relay settled its request: the usage and generated text it was billed on, or the worst case.</summary>
internal sealed class RecordingResponseBilling : IResponseBilling
{
    public int Settlements { get; private set; }

    public TokenUsage? Usage { get; private set; }

    public string? Generated { get; private set; }

    public bool AtWorstCase { get; private set; }

    public bool Voided { get; private set; }

    public long KnownBalance => 0;

    public bool Abandoned { get; private set; }

    public Task<ChargeRecord?> SettleAsync(TokenUsage? usage, DeltaTextCollector? generated, bool streamed, bool abandoned = false)
    {
        Settlements++;
        Abandoned = abandoned;
        Usage = usage;
        Generated = generated?.ToString();
        return Task.FromResult<ChargeRecord?>(null);
    }

    public Task<ChargeRecord?> SettleAtWorstCaseAsync()
    {
        Settlements++;
        AtWorstCase = true;
        return Task.FromResult<ChargeRecord?>(null);
    }

    public void Void() => Voided = true;
}
