using Tollway.Gateway.Access.Policies;
using Tollway.Gateway.Errors;

namespace Tollway.Gateway.Money.Billing;

/// <summary>
/// A request's way through billing: refused (with the error to answer), or admitted with its hold and its key
/// limits' admission. <see cref="Finish"/> runs whatever happened upstream: a hold nothing settled is voided, and
/// the key's limits learn what the request really cost.
/// </summary>
internal sealed class BillingAdmission
{
    private BillingAdmission(GatewayError? refusal, RequestBilling? billing, KeyAdmission? policy)
    {
        Refusal = refusal;
        Billing = billing;
        Policy = policy;
    }

    public GatewayError? Refusal { get; }

    public RequestBilling? Billing { get; }

    private KeyAdmission? Policy { get; }

    public static BillingAdmission Refused(GatewayError error, KeyAdmission? policy = null)
    {
        policy?.Complete(0, 0);
        return new(error, null, null);
    }

    public static BillingAdmission Admitted(RequestBilling billing, KeyAdmission policy) => new(null, billing, policy);

    public void Finish()
    {
        if (Billing is null)
        {
            return;
        }

        if (!Billing.Hold.IsResolved)
        {
            Billing.Void();
        }

        var charge = Billing.Charge;
        Policy?.Complete(charge?.Total ?? 0, charge is null ? 0 : (long)charge.PromptTokens + charge.CompletionTokens);
    }
}
