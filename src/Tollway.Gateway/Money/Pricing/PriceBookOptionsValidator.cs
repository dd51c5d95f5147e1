using Microsoft.Extensions.Options;

namespace Tollway.Gateway.Money.Pricing;

/// <summary>Checks the markup and the price refresh of the <c>Billing</c> section at start.</summary>
internal sealed class PriceBookOptionsValidator : IValidateOptions<PriceBookOptions>
{
    public ValidateOptionsResult Validate(string? name, PriceBookOptions options)
    {
        var errors = new List<string>();
        if (!Percent.TryParsePartsPerMillion(options.MarkupPercent, out _))
        {
            errors.Add($"Billing:MarkupPercent: '{options.MarkupPercent}' is not a non-negative percentage with at most four decimals");
        }

        if (options.PricingRefresh <= TimeSpan.Zero)
        {
            errors.Add("Billing:PricingRefresh: must be positive");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
