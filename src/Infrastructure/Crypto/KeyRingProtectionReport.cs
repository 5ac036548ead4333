using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Natero.Connectors.Infrastructure.Crypto;

/// <summary>Says at start-up whether the Data Protection key ring is encrypted at rest, and how to make it so.</summary>
internal sealed partial class KeyRingProtectionReport(KeyRingCertificate certificate, ILogger<KeyRingProtectionReport> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (certificate.Certificate is { } encrypting)
        {
            LogProtected(logger, encrypting.Subject, encrypting.Thumbprint);
        }
        else
        {
            LogUnprotected(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "The Data Protection key ring is encrypted at rest with the certificate {Subject} (thumbprint {Thumbprint})."
    )]
    private static partial void LogProtected(ILogger logger, string subject, string thumbprint);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "The Data Protection key ring, which signs sign-in cookies and antiforgery tokens, is stored unencrypted "
            + "in the DataProtectionKeys table: a copy of the database is enough to forge them. Set DataProtection:CertificatePath and "
            + "DataProtection:CertificatePassword (a .pfx file), or DataProtection:CertificateThumbprint, to encrypt it."
    )]
    private static partial void LogUnprotected(ILogger logger);
}
