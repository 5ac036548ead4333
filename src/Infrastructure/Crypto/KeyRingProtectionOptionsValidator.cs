using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Natero.Connectors.Infrastructure.Crypto;

/// <summary>
/// Stops start-up on a certificate that is configured but unusable, and in Production on a key ring that
/// would be stored unencrypted unless that is accepted on purpose (<c>DataProtection:AllowUnprotectedKeys</c>).
/// </summary>
internal sealed class KeyRingProtectionOptionsValidator(KeyRingCertificate certificate, IHostEnvironment environment)
    : IValidateOptions<KeyRingProtectionOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyRingProtectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (certificate.Problem is { } problem)
        {
            return ValidateOptionsResult.Fail(problem);
        }

        if (certificate.Certificate is null && environment.IsProduction() && !options.AllowUnprotectedKeys)
        {
            return ValidateOptionsResult.Fail(
                "In Production the Data Protection key ring (it signs sign-in cookies and antiforgery tokens) must be encrypted at rest: "
                    + "set DataProtection:CertificatePath (a .pfx file, with DataProtection:CertificatePassword) or "
                    + "DataProtection:CertificateThumbprint, or set DataProtection:AllowUnprotectedKeys=true to store it unencrypted."
            );
        }

        return ValidateOptionsResult.Success;
    }
}
