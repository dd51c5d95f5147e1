using Microsoft.Extensions.Options;

namespace Tollway.Gateway.Pipeline.RequestLog;

/// <summary>Checks the <c>RequestLog</c> section at start.</summary>
internal sealed class RequestLogOptionsValidator : IValidateOptions<RequestLogOptions>
{
    public ValidateOptionsResult Validate(string? name, RequestLogOptions options)
    {
        var errors = new List<string>();
        if (options.BatchSize <= 0)
        {
            errors.Add("RequestLog:BatchSize: must be greater than zero");
        }

        if (options.QueueCapacity < options.BatchSize)
        {
            errors.Add("RequestLog:QueueCapacity: must be at least RequestLog:BatchSize");
        }

        if (options.FlushInterval <= TimeSpan.Zero)
        {
            errors.Add("RequestLog:FlushInterval: must be positive");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
