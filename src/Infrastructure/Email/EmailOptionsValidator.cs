using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MimeKit;
using Natero.Connectors.Application.Common.Email;

namespace Natero.Connectors.Infrastructure.Email;

/// <summary>Stops start-up on <c>Email:*</c> settings that would lose mail or send it in clear text over a network.</summary>
internal sealed class EmailOptionsValidator(IHostEnvironment environment) : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!MailboxAddress.TryParse(options.From, out var from) || string.IsNullOrEmpty(from.Domain))
        {
            failures.Add("Email:From must be one email address, optionally with a name: \"Natero <no-reply@natero.example>\".");
        }

        ValidateSmtp(options.Smtp, failures);
        if (string.IsNullOrWhiteSpace(options.Smtp.Host) && string.IsNullOrWhiteSpace(options.PickupDirectory))
        {
            failures.Add("Email:PickupDirectory is required when Email:Smtp:Host is not set: messages are written there.");
        }

        ValidatePublicBaseUrl(options.PublicBaseUrl, failures);
        ValidateTimes(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static void ValidateSmtp(SmtpOptions smtp, List<string> failures)
    {
        if (smtp.Port is < 1 or > 65535)
        {
            failures.Add("Email:Smtp:Port must be between 1 and 65535 (587 for StartTls, 465 for SslOnConnect).");
        }

        if (!Enum.IsDefined(smtp.Security))
        {
            failures.Add("Email:Smtp:Security must be StartTls, SslOnConnect or None.");
        }

        var host = smtp.Host;
        if (!string.IsNullOrWhiteSpace(host) && smtp.Security == SmtpSecurity.None && !IsLoopback(host))
        {
            failures.Add(
                "Email:Smtp:Security None sends mail and credentials in clear text, so it is allowed only to a loopback host "
                    + $"(localhost, 127.0.0.1, ::1), not to {host}. Use StartTls or SslOnConnect."
            );
        }

        if (!string.IsNullOrEmpty(smtp.Username) && string.IsNullOrEmpty(smtp.Password))
        {
            failures.Add("Email:Smtp:Password is required when Email:Smtp:Username is set.");
        }

        if (smtp.Timeout <= TimeSpan.Zero || smtp.Timeout > TimeSpan.FromMinutes(5))
        {
            failures.Add("Email:Smtp:Timeout must be more than 0 and at most 5 minutes.");
        }
    }

    private void ValidatePublicBaseUrl(Uri? publicBaseUrl, List<string> failures)
    {
        if (publicBaseUrl is null)
        {
            // Outside Production a default was put in place before validation; see EmailPublicBaseUrlDefault.
            failures.Add(
                $"Email:PublicBaseUrl is required in {environment.EnvironmentName}: the absolute base of the links in emails, "
                    + "e.g. https://natero.example.com/ (it is never taken from a request)."
            );
        }
        else if (
            !publicBaseUrl.IsAbsoluteUri
            || publicBaseUrl.Scheme is not ("http" or "https")
            || !string.IsNullOrEmpty(publicBaseUrl.Query)
            || !string.IsNullOrEmpty(publicBaseUrl.Fragment)
        )
        {
            failures.Add(
                "Email:PublicBaseUrl must be an absolute http or https URL without query or fragment, "
                    + "e.g. https://natero.example.com/."
            );
        }
    }

    private static void ValidateTimes(EmailOptions options, List<string> failures)
    {
        if (options.PollInterval <= TimeSpan.Zero)
        {
            failures.Add("Email:PollInterval must be more than 0.");
        }

        if (options.RetryBaseDelay <= TimeSpan.Zero || options.RetryMaxDelay < options.RetryBaseDelay)
        {
            failures.Add("Email:RetryBaseDelay must be more than 0, and Email:RetryMaxDelay at least as long.");
        }

        if (options.GiveUpAfter <= TimeSpan.Zero)
        {
            failures.Add("Email:GiveUpAfter must be more than 0.");
        }
    }
}
