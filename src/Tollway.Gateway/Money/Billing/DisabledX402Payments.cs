
namespace Tollway.Gateway.Money.Billing;

/// <summary>What runs when x402 is off (or no chain module is loaded): requests without a key stay refused with 401.</summary>
internal sealed class DisabledX402Payments : IX402Payments
{
    public bool Enabled => false;

    public Task AdmitAsync(HttpContext context, AdmissionRequest admission, X402Outcome outcome) =>
        throw new InvalidOperationException("x402 payments are not enabled.");
}
