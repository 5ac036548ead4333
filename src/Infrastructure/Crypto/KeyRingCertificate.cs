using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Natero.Connectors.Infrastructure.Crypto;

/// <summary>
/// The certificate of <c>DataProtection:Certificate*</c>, loaded once while the services are composed:
/// <c>ProtectKeysWithCertificate</c> takes the certificate itself, not a way to find it later. A failure
/// is kept rather than thrown, so that start-up reports it through options validation like every other
/// setting, and no message ever carries the password.
/// </summary>
internal sealed class KeyRingCertificate : IDisposable
{
    private const string PathKey = "DataProtection:CertificatePath";
    private const string PasswordKey = "DataProtection:CertificatePassword";
    private const string ThumbprintKey = "DataProtection:CertificateThumbprint";

    private KeyRingCertificate(X509Certificate2? certificate, string? problem)
    {
        Certificate = certificate;
        Problem = problem;
    }

    /// <summary>Null when none is configured, or when it could not be used (then <see cref="Problem"/> says why).</summary>
    public X509Certificate2? Certificate { get; }

    public string? Problem { get; }

    public static KeyRingCertificate Load(KeyRingProtectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = options.CertificatePath;
        var thumbprint = options.CertificateThumbprint;
        var hasPath = !string.IsNullOrWhiteSpace(path);
        var hasThumbprint = !string.IsNullOrWhiteSpace(thumbprint);
        if (hasPath && hasThumbprint)
        {
            return new(null, $"Set either {PathKey} or {ThumbprintKey}, not both.");
        }

        if (!hasPath && !hasThumbprint)
        {
            return new(null, null);
        }

        var (certificate, problem) = hasPath ? FromFile(path!, options.CertificatePassword) : FromStore(thumbprint!);
        if (certificate is not null)
        {
            problem = Unusable(certificate, hasPath ? $"{PathKey} {Path.GetFullPath(path!)}" : $"{ThumbprintKey} {thumbprint}");
            if (problem is not null)
            {
                certificate.Dispose();
                certificate = null;
            }
        }

        return new(certificate, problem);
    }

    public void Dispose() => Certificate?.Dispose();

    private static (X509Certificate2? Certificate, string? Problem) FromFile(string path, string? password)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            return (null, $"{PathKey}: there is no file at {fullPath}.");
        }

        try
        {
            return (X509CertificateLoader.LoadPkcs12FromFile(fullPath, password), null);
        }
        catch (CryptographicException)
        {
            // The platform's own message is not passed on: it is not needed to fix this, and what a
            // provider puts there is beyond our control, whereas the password must never reach a log.
            return (
                null,
                X509Certificate2.GetCertContentType(fullPath) == X509ContentType.Pkcs12
                    ? $"{PathKey} {fullPath} does not open with {PasswordKey}: the password is wrong."
                    : $"{PathKey} {fullPath} is not a PKCS#12 (.pfx) file; make one with openssl pkcs12 -export."
            );
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"{PathKey} {fullPath} cannot be read: {e.Message}");
        }
    }

    /// <summary>CurrentUser\My first, then LocalMachine\My, as ASP.NET Core's own certificate resolver looks.</summary>
    private static (X509Certificate2? Certificate, string? Problem) FromStore(string thumbprint)
    {
        // Thumbprints copied from a certificate viewer come with spaces, colons or an invisible mark.
        var normalized = new string([
            .. thumbprint.Where(c =>
                !char.IsWhiteSpace(c)
                && c != ':'
                && !char.IsControl(c)
                && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format
            ),
        ]).ToUpperInvariant();
        if (normalized.Length != 40 || !normalized.All(char.IsAsciiHexDigit))
        {
            return (null, $"{ThumbprintKey} must be the certificate's SHA-1 thumbprint: 40 hexadecimal digits.");
        }

        foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
        {
            if (FindInStore(location, normalized) is { } found)
            {
                return (found, null);
            }
        }

        return (null, $"{ThumbprintKey} {normalized} is not in the CurrentUser\\My or LocalMachine\\My certificate store.");
    }

    private static X509Certificate2? FindInStore(StoreLocation location, string thumbprint)
    {
        using var store = new X509Store(StoreName.My, location);
        try
        {
            store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
        }
        catch (CryptographicException)
        {
            // A store that does not exist holds nothing; Linux has no LocalMachine\My at all.
            return null;
        }

        var all = store.Certificates;
        var matches = all.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false);
        var found = matches.Count > 0 ? matches[0] : null;
        foreach (var certificate in all.Concat(matches).Where(c => !ReferenceEquals(c, found)))
        {
            certificate.Dispose();
        }

        return found;
    }

    private static string? Unusable(X509Certificate2 certificate, string source)
    {
        if (!certificate.HasPrivateKey)
        {
            return $"{source} is a certificate without its private key, which the app needs to read the key ring back. "
                + "Export it with the key (openssl pkcs12 -export -inkey ...).";
        }

        using var rsa = certificate.GetRSAPublicKey();
        return rsa is null ? $"{source} must be an RSA certificate: Data Protection encrypts its keys to RSA keys only." : null;
    }
}
