using Natero.Connectors.Domain.Common;

namespace Natero.Connectors.Domain.Audit;

/// <summary>
/// What the retention archive removed from a chain, and what the chain looked like then. The chain
/// verifier starts from the newest anchor (the removed events' last hash stands in for them), and
/// checks that the head recorded here is still in place, so that cutting events off the end is found.
/// Never changed once written, like the events.
/// </summary>
public sealed class AuditAnchor
{
    private AuditAnchor()
    {
        ChainKey = null!;
        ArchivedThroughHash = null!;
        HeadHash = null!;
        ArchiveFile = null!;
        ArchiveSha256 = null!;
    }

    public Guid Id { get; private set; }
    public string ChainKey { get; private set; }

    /// <summary>The last removed event's position: the chain now starts after it.</summary>
    public long ArchivedThroughSeq { get; private set; }

    public string ArchivedThroughHash { get; private set; }
    public long ArchivedCount { get; private set; }

    /// <summary>The chain's last event when the archive ran; it must still be there.</summary>
    public long HeadSeq { get; private set; }

    public string HeadHash { get; private set; }

    /// <summary>The archive file's name and SHA-256, so that the file can be checked against this record.</summary>
    public string ArchiveFile { get; private set; }

    public string ArchiveSha256 { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static AuditAnchor Create(
        Guid id,
        string chainKey,
        AuditLink archivedThrough,
        long archivedCount,
        AuditLink head,
        string archiveFile,
        string archiveSha256,
        DateTimeOffset createdAt
    )
    {
        ArgumentNullException.ThrowIfNull(archivedThrough);
        ArgumentNullException.ThrowIfNull(head);
        if (head.Seq < archivedThrough.Seq || archivedCount <= 0)
        {
            throw new DomainException("An anchor covers at least one archived event and a head at or after it.");
        }

        return new AuditAnchor
        {
            Id = Guard.NotEmpty(id, "Anchor id"),
            ChainKey = Guard.NotBlank(chainKey, "Chain", 64),
            ArchivedThroughSeq = archivedThrough.Seq,
            ArchivedThroughHash = archivedThrough.Hash,
            ArchivedCount = archivedCount,
            HeadSeq = head.Seq,
            HeadHash = head.Hash,
            ArchiveFile = Guard.NotBlank(archiveFile, "Archive file", 260),
            ArchiveSha256 = Guard.NotBlank(archiveSha256, "Archive hash", 64),
            CreatedAt = createdAt,
        };
    }
}
