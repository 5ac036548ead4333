using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;

namespace Natero.Connectors.Infrastructure.Crypto;

/// <summary>
/// The local token key file (<c>natero-token-keys.json</c>), for when <c>TokenEncryption:Keys</c> is not
/// configured. With a <c>DataProtection</c> certificate the key is stored wrapped to it with RSA-OAEP-SHA256,
/// so that the file alone (a backup, a copied folder) does not give the key away; without one it is stored
/// in base64, readable by its owner only, as before.
/// </summary>
internal static partial class TokenKeyFile
{
    private const string Wrapping = "RSA-OAEP-SHA256";
    private const string CertificateKeys = "DataProtection:CertificatePath or DataProtection:CertificateThumbprint";

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static (string Id, byte[] Key) LoadOrCreate(string path, X509Certificate2? certificate, ILogger logger)
    {
        if (!File.Exists(path))
        {
            var key = RandomNumberGenerator.GetBytes(32);
            Write(path, Store("local1", key, certificate), FileMode.CreateNew);
            return ("local1", key);
        }

        var stored = JsonSerializer.Deserialize<StoredKey>(File.ReadAllText(path))
            ?? throw new InvalidOperationException($"The token key file {path} is empty or damaged.");
        if (stored.WrappedKey is null)
        {
            var key = TokenKeyRing.ParseKey(stored.Id, stored.Key);

            // A file written before the certificate was configured is wrapped now rather than left as it is:
            // the point of the certificate is that the file alone no longer gives the key away. The key itself
            // stays, so that every token it encrypted still decrypts; copies of the old file still hold it.
            if (certificate is not null)
            {
                var replacement = path + ".new";
                Write(replacement, Store(stored.Id, key, certificate), FileMode.Create);
                File.Move(replacement, path, overwrite: true);
                LogWrapped(logger, path);
            }

            return (stored.Id, key);
        }

        return (stored.Id, Unwrap(path, stored, certificate));
    }

    private static StoredKey Store(string id, byte[] key, X509Certificate2? certificate)
    {
        if (certificate is null)
        {
            return new StoredKey(id, Key: Convert.ToBase64String(key));
        }

        using var rsa = certificate.GetRSAPublicKey()!;
        var wrapped = rsa.Encrypt(key, RSAEncryptionPadding.OaepSHA256);
        return new StoredKey(
            id,
            WrappedKey: Convert.ToBase64String(wrapped),
            Wrapping: Wrapping,
            CertificateSha256: Fingerprint(certificate)
        );
    }

    private static byte[] Unwrap(string path, StoredKey stored, X509Certificate2? certificate)
    {
        if (certificate is null)
        {
            throw new InvalidOperationException(
                $"The token key file {path} is wrapped to the certificate with SHA-256 fingerprint "
                    + $"{stored.CertificateSha256}; set {CertificateKeys} to that certificate."
            );
        }

        var fingerprint = Fingerprint(certificate);
        var sameCertificate = string.Equals(stored.CertificateSha256, fingerprint, StringComparison.OrdinalIgnoreCase);
        if (stored.Wrapping != Wrapping || !sameCertificate)
        {
            throw new InvalidOperationException(
                $"The token key file {path} is wrapped to the certificate with SHA-256 fingerprint "
                    + $"{stored.CertificateSha256}, not to the one {CertificateKeys} names ({fingerprint}). "
                    + "Configure the certificate it was wrapped to, or configure TokenEncryption:Keys."
            );
        }

        try
        {
            using var rsa = certificate.GetRSAPrivateKey()!;
            var key = rsa.Decrypt(Convert.FromBase64String(stored.WrappedKey!), RSAEncryptionPadding.OaepSHA256);
            if (TokenKeyRing.IsValidKey(stored.Id, key))
            {
                return key;
            }
        }
        catch (Exception e) when (e is CryptographicException or FormatException) { }

        throw new InvalidOperationException(
            $"The token key file {path} is damaged: its key does not unwrap with the DataProtection certificate."
        );
    }

    private static string Fingerprint(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);

    private static void Write(string path, StoredKey stored, FileMode mode)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var stream = new FileStream(path, mode, FileAccess.Write, FileShare.None);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(stream.SafeFileHandle, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        JsonSerializer.Serialize(stream, stored, Json);
    }

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "The token key file {Path} held its key in clear; it is now wrapped to the DataProtection certificate. "
            + "Copies of the file taken before (backups) still hold the key in clear."
    )]
    private static partial void LogWrapped(ILogger logger, string path);

    /// <summary>Either <see cref="Key"/> (base64, no certificate) or the wrapped key with what it is wrapped to.</summary>
    private sealed record StoredKey(
        string Id,
        string? Key = null,
        string? WrappedKey = null,
        string? Wrapping = null,
        string? CertificateSha256 = null
    );
}
