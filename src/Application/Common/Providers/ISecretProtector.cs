namespace Natero.Connectors.Application.Common.Providers;

/// <summary>
/// Authenticated encryption of secrets at rest. A ciphertext names its key and is bound to its tenant,
/// owner and field, so one copied to another row does not decrypt.
/// </summary>
public interface ISecretProtector
{
    string Protect(string plaintext, SecretBinding binding);

    /// <summary>Null when the ciphertext was altered, moved, or made with an unknown key.</summary>
    string? Unprotect(string ciphertext, SecretBinding binding);

    /// <summary>Whether the ciphertext was made with the key that encrypts now (key rotation re-encrypts the others).</summary>
    bool IsProtectedWithActiveKey(string ciphertext);
}
