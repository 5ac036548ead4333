using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common.Webhooks;

namespace Natero.Connectors.Infrastructure.Webhooks;

/// <summary>Stops start-up on <c>Webhooks:*</c> values that would hang the worker, read too much, or retry for ever.</summary>
internal sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Timeout < TimeSpan.FromSeconds(1) || options.Timeout > TimeSpan.FromSeconds(60))
        {
            failures.Add("Webhooks:Timeout must be between 1 and 60 seconds (00:00:01 to 00:01:00).");
        }

        if (options.MaxResponseBytes is < 256 or > 65536)
        {
            failures.Add("Webhooks:MaxResponseBytes must be between 256 and 65536.");
        }

        if (options.MaxAttemptsWindow < TimeSpan.FromHours(1) || options.MaxAttemptsWindow > TimeSpan.FromDays(30))
        {
            failures.Add("Webhooks:MaxAttemptsWindow must be between 1 hour and 30 days (01:00:00 to 30.00:00:00).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
