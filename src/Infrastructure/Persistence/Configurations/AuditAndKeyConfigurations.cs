using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Natero.Connectors.Domain.ApiKeys;
using Natero.Connectors.Domain.Audit;

namespace Natero.Connectors.Infrastructure.Persistence.Configurations;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("AuditEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        // Searches page newest first by (OccurredAt, Id); each index ends in that pair so the first page
        // of a tenant's, an action's or everyone's events is read straight off the index.
        builder.HasIndex(e => new
        {
            e.TenantId,
            e.OccurredAt,
            e.Id,
        });
        builder.HasIndex(e => new
        {
            e.Action,
            e.OccurredAt,
            e.Id,
        });
        builder.HasIndex(e => new { e.OccurredAt, e.Id });
        builder.HasIndex(e => new
        {
            e.Target,
            e.OccurredAt,
            e.Id,
        });
        builder.Property(e => e.ActorType).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.ActorId).HasMaxLength(64);
        builder.Property(e => e.ActorName).HasMaxLength(256);
        builder.Property(e => e.Action).HasMaxLength(128);
        builder.Property(e => e.Target).HasMaxLength(256);
        builder.Property(e => e.Reason).HasMaxLength(2000);
        builder.Property(e => e.IpAddress).HasMaxLength(64);
        builder.Property(e => e.UserAgent).HasMaxLength(512);
        builder.Property(e => e.CorrelationId).HasMaxLength(128);
        builder.Property(e => e.ChainKey).HasMaxLength(64);
        builder.Property(e => e.PrevHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);

        // One event per position of each chain; rows from before the chain existed keep Seq 0, outside it.
        builder.HasIndex(e => new { e.ChainKey, e.Seq }).IsUnique().HasFilter("\"Seq\" > 0");
    }
}

internal sealed class AuditAnchorConfiguration : IEntityTypeConfiguration<AuditAnchor>
{
    public void Configure(EntityTypeBuilder<AuditAnchor> builder)
    {
        builder.ToTable("AuditAnchors");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.HasIndex(a => new { a.ChainKey, a.ArchivedThroughSeq }).IsUnique();
        builder.Property(a => a.ChainKey).HasMaxLength(64);
        builder.Property(a => a.ArchivedThroughHash).HasMaxLength(64);
        builder.Property(a => a.HeadHash).HasMaxLength(64);
        builder.Property(a => a.ArchiveFile).HasMaxLength(260);
        builder.Property(a => a.ArchiveSha256).HasMaxLength(64);
    }
}

internal sealed class AuditCheckpointConfiguration : IEntityTypeConfiguration<AuditCheckpoint>
{
    public void Configure(EntityTypeBuilder<AuditCheckpoint> builder)
    {
        builder.ToTable("AuditCheckpoints");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        // One checkpoint per position of a chain: two writers signing the same head cannot both save.
        builder.HasIndex(c => new { c.ChainKey, c.Seq }).IsUnique();
        builder.HasIndex(c => new { c.CreatedAt, c.Id });
        builder.HasIndex(c => new
        {
            c.TenantId,
            c.CreatedAt,
            c.Id,
        });
        builder.Property(c => c.ChainKey).HasMaxLength(64);
        builder.Property(c => c.Hash).HasMaxLength(64);
        builder.Property(c => c.KeyId).HasMaxLength(64);
        builder.Property(c => c.Algorithm).HasMaxLength(32);
        builder.Property(c => c.Signature).HasMaxLength(256);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("ApiKeys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.HasIndex(k => k.SecretHash).IsUnique();
        builder.HasIndex(k => k.TenantId);
        builder.HasIndex(k => k.ParentKeyId);
        builder.Property(k => k.Name).HasMaxLength(100);
        builder.Property(k => k.Prefix).HasMaxLength(32);
        builder.Property(k => k.SecretHash).HasMaxLength(128);
        builder.Property(k => k.LastUsedIp).HasMaxLength(64);
        builder.MapNameList("_scopes", "Scopes");
        builder.Ignore(k => k.Scopes);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<Email.OutboxMessage>
{
    public void Configure(EntityTypeBuilder<Email.OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        // The worker asks for unsent messages that are due, oldest first.
        builder.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
        builder.Property(m => m.Kind).HasMaxLength(32);
        builder.Property(m => m.Recipient).HasMaxLength(256);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.Property(m => m.LeaseOwner).HasMaxLength(64);
    }
}
