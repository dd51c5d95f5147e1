using Microsoft.Extensions.Options;

namespace Tollway.Gateway.Access.Policies;

/// <summary>Checks <c>Billing:KeySpendRefresh</c> at start.</summary>
internal sealed class KeyPolicyOptionsValidator : IValidateOptions<KeyPolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyPolicyOptions options) =>
        options.KeySpendRefresh <= TimeSpan.Zero ? ValidateOptionsResult.Fail("Billing:KeySpendRefresh: must be positive") : ValidateOptionsResult.Success;
}
