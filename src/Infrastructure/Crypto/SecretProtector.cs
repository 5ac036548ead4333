using System.Security.Cryptography;
using System.Text;
using Natero.Connectors.Application.Common.Providers;

namespace Natero.Connectors.Infrastructure.Crypto;

/// <summary>
/// AES-256-GCM with the key id written into the envelope (<c>v1.{keyId}.{nonce|tag|ciphertext}</c>)
/// and the tenant, owner and field as associated data: a ciphertext moved to another row, tenant or
/// field fails authentication instead of decrypting.
/// </summary>
internal sealed class SecretProtector(TokenKeyRing keys) : ISecretProtector
{
    private const string Version = "v1";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public string Protect(string plaintext, SecretBinding binding)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var (keyId, key) = keys.Active;
        var clear = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[NonceSize + TagSize + clear.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, clear, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), AssociatedData(binding, keyId));
        CryptographicOperations.ZeroMemory(clear);
        return $"{Version}.{keyId}.{Base64UrlEncode(output)}";
    }

    public string? Unprotect(string ciphertext, SecretBinding binding)
    {
        var parts = ciphertext?.Split('.') ?? [];
        if (parts.Length != 3 || parts[0] != Version || keys.Find(parts[1]) is not { } key)
        {
            return null;
        }

        byte[] input;
        try
        {
            input = Base64UrlDecode(parts[2]);
        }
        catch (FormatException)
        {
            return null;
        }

        if (input.Length < NonceSize + TagSize)
        {
            return null;
        }

        var clear = new byte[input.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(
                input.AsSpan(0, NonceSize),
                input.AsSpan(NonceSize + TagSize),
                input.AsSpan(NonceSize, TagSize),
                clear,
                AssociatedData(binding, parts[1])
            );
            return Encoding.UTF8.GetString(clear);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(clear);
        }
    }

    public bool IsProtectedWithActiveKey(string ciphertext) =>
        ciphertext.StartsWith($"{Version}.{keys.Active.Id}.", StringComparison.Ordinal);

    /// <summary>The key id is bound too, so an envelope cannot be relabelled to another key.</summary>
    private static byte[] AssociatedData(SecretBinding binding, string keyId) =>
        Encoding.UTF8.GetBytes($"natero|{keyId}|{binding.TenantId:N}|{binding.OwnerId:N}|{binding.Field}");

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Base64UrlDecode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }
}
