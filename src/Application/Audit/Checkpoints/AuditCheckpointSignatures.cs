using System.Security.Cryptography;
using System.Text;

namespace Natero.Connectors.Application.Audit.Checkpoints;

/// <summary>
/// How checkpoints are signed and checked: ECDSA over P-256 with SHA-256, the signature DER-encoded (as OpenSSL writes
/// and reads it) and then base64. .NET's own cryptography has no Ed25519 without another package, so P-256 is the one
/// algorithm.
/// </summary>
public static class AuditCheckpointSignatures
{
    public const string Algorithm = "ECDSA-P256-SHA256";

    public const DSASignatureFormat Format = DSASignatureFormat.Rfc3279DerSequence;

    /// <summary>Hex of the first 16 bytes of the SHA-256 of the key's SubjectPublicKeyInfo (DER).</summary>
    public static string KeyIdOf(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()).AsSpan(0, 16));
    }

    /// <summary>Whether <paramref name="key"/> is a P-256 key.</summary>
    public static bool IsP256(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var curve = key.ExportParameters(includePrivateParameters: false).Curve;
        return curve.IsNamed
            && (curve.Oid.Value == ECCurve.NamedCurves.nistP256.Oid.Value || curve.Oid.FriendlyName is "nistP256" or "ECDSA_P256");
    }

    public static string Sign(ECDsa key, string text)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToBase64String(key.SignData(Encoding.UTF8.GetBytes(text), HashAlgorithmName.SHA256, Format));
    }

    /// <summary>
    /// Whether <paramref name="signature"/> (base64) is <paramref name="key"/>'s over <paramref name="text"/>; false when it is
    /// not base64.
    /// </summary>
    public static bool Verify(ECDsa key, string text, string? signature)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var bytes = new byte[signature.Length];
        return Convert.TryFromBase64String(signature, bytes, out var written)
            && key.VerifyData(Encoding.UTF8.GetBytes(text), bytes.AsSpan(0, written), HashAlgorithmName.SHA256, Format);
    }
}
