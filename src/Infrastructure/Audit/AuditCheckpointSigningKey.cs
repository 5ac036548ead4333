using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Audit.Checkpoints;

namespace Natero.Connectors.Infrastructure.Audit;

/// <summary>
/// The checkpoint signing key, read from <c>Audit:CheckpointSigningKeyPath</c> when first used. Start-up validation
/// (<see cref="AuditCheckpointOptionsValidator"/>) has already refused a key that cannot be read, so a failure here is a
/// file changed under a running app. Messages name the path, never the key.
/// </summary>
public sealed class AuditCheckpointSigningKey(IOptions<AuditCheckpointOptions> options) : IAuditCheckpointSigner, IDisposable
{
    private readonly Lazy<(ECDsa Key, AuditCheckpointKey Public)?> _loaded = new(() => Load(options.Value.CheckpointSigningKeyPath));

    public AuditCheckpointKey? Key => _loaded.Value?.Public;

    public string Sign(string text)
    {
        var loaded = _loaded.Value ?? throw new InvalidOperationException("Audit checkpoints are off: no signing key is configured.");
        return AuditCheckpointSignatures.Sign(loaded.Key, text);
    }

    public void Dispose()
    {
        if (_loaded.IsValueCreated)
        {
            _loaded.Value?.Key.Dispose();
        }
    }

    private static (ECDsa, AuditCheckpointKey)? Load(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        var key = TryRead(path, out var problem) ?? throw new InvalidOperationException(problem);
        return (
            key,
            new AuditCheckpointKey(
                AuditCheckpointSignatures.KeyIdOf(key),
                AuditCheckpointSignatures.Algorithm,
                key.ExportSubjectPublicKeyInfoPem()
            )
        );
    }

    /// <summary>The key at <paramref name="path"/>, or null and what is wrong with it, in words that name the path only.</summary>
    public static ECDsa? TryRead(string path, out string? problem)
    {
        problem = null;
        string pem;
        try
        {
            pem = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            problem = $"Audit:CheckpointSigningKeyPath: the file '{path}' cannot be read ({e.GetType().Name}).";
            return null;
        }

        var key = ECDsa.Create();
        try
        {
            // Only the PEM's type is reported on failure: the exception text could quote the file.
            key.ImportFromPem(pem);
            if (!AuditCheckpointSignatures.IsP256(key))
            {
                problem = $"Audit:CheckpointSigningKeyPath: the key in '{path}' is not on the P-256 curve; only ECDSA P-256 is supported.";
            }
            else
            {
                _ = key.ExportParameters(includePrivateParameters: true);
                return key;
            }
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            problem =
                $"Audit:CheckpointSigningKeyPath: '{path}' holds no unencrypted PEM ECDSA P-256 private key "
                + "(\"BEGIN PRIVATE KEY\" or \"BEGIN EC PRIVATE KEY\"); only ECDSA P-256 is supported.";
        }

        key.Dispose();
        return null;
    }
}
