namespace Natero.Connectors.Infrastructure.Crypto;

/// <summary>
/// How the Data Protection key ring, which signs every sign-in cookie and antiforgery token, is encrypted
/// at rest (<c>DataProtection:*</c>): a PKCS#12 file with its password, or a thumbprint in the X509 store.
/// </summary>
public sealed class KeyRingProtectionOptions
{
    public const string Section = "DataProtection";

    public string? CertificatePath { get; set; }
    public string? CertificatePassword { get; set; }
    public string? CertificateThumbprint { get; set; }

    /// <summary>Lets Production start without a certificate, with a warning, for a deliberate choice.</summary>
    public bool AllowUnprotectedKeys { get; set; }
}
