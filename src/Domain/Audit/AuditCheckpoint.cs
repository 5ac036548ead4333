using System.Globalization;
using Natero.Connectors.Domain.Common;

namespace Natero.Connectors.Domain.Audit;

/// <summary>
/// A chain's head (seq and hash) at one moment, signed with a key that lives outside the database and handed to the
/// chain's tenant as an <c>audit.checkpoint</c> event. Whoever holds one can prove that an export still contains the
/// history it vouches for, even against someone who can rewrite the database. Never changed once written.
/// </summary>
public sealed class AuditCheckpoint
{
    /// <summary>The first line of the signed text; a new layout gets a new version.</summary>
    public const string TextVersion = "natero-audit-checkpoint/v1";

    private AuditCheckpoint()
    {
        ChainKey = null!;
        Hash = null!;
        KeyId = null!;
        Algorithm = null!;
        Signature = null!;
    }

    public Guid Id { get; private set; }
    public string ChainKey { get; private set; }

    /// <summary>The chain's tenant; null for the platform chain.</summary>
    public Guid? TenantId { get; private set; }

    public long Seq { get; private set; }
    public string Hash { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Hex of the first 16 bytes of the SHA-256 of the signing key's SubjectPublicKeyInfo.</summary>
    public string KeyId { get; private set; }

    public string Algorithm { get; private set; }

    /// <summary>Base64 of the signature over <see cref="SignedText"/>.</summary>
    public string Signature { get; private set; }

    /// <summary>The text this checkpoint's signature covers.</summary>
    public string SignedText() => SignedText(ChainKey, TenantId, Seq, Hash, CreatedAt);

    /// <summary>
    /// Six lines joined by <c>\n</c>, no trailing newline: <c>natero-audit-checkpoint/v1</c>, the chain key, the tenant id
    /// (<c>xxxxxxxx-xxxx-…</c>, or <c>-</c> for the platform chain), the seq in decimal, the head's hash in lowercase hex,
    /// and the time as <c>yyyy-MM-ddTHH:mm:ss.fffZ</c> (UTC).
    /// </summary>
    public static string SignedText(string chainKey, Guid? tenantId, long seq, string hash, DateTimeOffset createdAt) =>
        string.Join(
            '\n',
            TextVersion,
            chainKey,
            tenantId?.ToString("D") ?? "-",
            seq.ToString(CultureInfo.InvariantCulture),
            hash,
            createdAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
        );

    /// <summary>Milliseconds: the precision every supported database keeps, so the signed text is the same when read back.</summary>
    public static DateTimeOffset Moment(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    /// <summary>
    /// Records a signed head. <paramref name="createdAt"/> must be a <see cref="Moment"/>, the time the signature covers.
    /// </summary>
    public static AuditCheckpoint Create(
        Guid id,
        string chainKey,
        Guid? tenantId,
        AuditLink head,
        DateTimeOffset createdAt,
        string keyId,
        string algorithm,
        string signature
    )
    {
        ArgumentNullException.ThrowIfNull(head);
        if (head.Seq <= 0)
        {
            throw new DomainException("A checkpoint signs an event of the chain: its seq starts at 1.");
        }

        if (chainKey != AuditChain.KeyFor(tenantId))
        {
            throw new DomainException("A checkpoint's chain is its tenant's (or the platform's).");
        }

        if (createdAt != Moment(createdAt))
        {
            throw new DomainException("A checkpoint's time is kept to the millisecond, as its signature covers it.");
        }

        return new AuditCheckpoint
        {
            Id = Guard.NotEmpty(id, "Checkpoint id"),
            ChainKey = chainKey,
            TenantId = tenantId,
            Seq = head.Seq,
            Hash = Guard.NotBlank(head.Hash, "Hash", 64),
            CreatedAt = createdAt,
            KeyId = Guard.NotBlank(keyId, "Key id", 64),
            Algorithm = Guard.NotBlank(algorithm, "Algorithm", 32),
            Signature = Guard.NotBlank(signature, "Signature", 256),
        };
    }
}
