using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Natero.Connectors.Domain.Accounts;
using Natero.Connectors.Domain.Common;
using Natero.Connectors.Domain.Events;
using Natero.Connectors.Domain.Webhooks;

namespace Natero.Connectors.Infrastructure.Persistence.Configurations;

internal sealed class OutboundEventConfiguration : IEntityTypeConfiguration<OutboundEvent>
{
    public void Configure(EntityTypeBuilder<OutboundEvent> builder)
    {
        builder.ToTable("OutboundEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Type).HasMaxLength(64);
        builder.Property(e => e.DedupeKey).HasMaxLength(128);
        builder.HasIndex(e => e.DedupeKey).IsUnique();

        // The dispatcher reads the undispatched ones oldest first; the API lists a tenant's newest first.
        builder.HasIndex(e => new { e.DispatchedAt, e.OccurredAt });
        builder.HasIndex(e => new
        {
            e.TenantId,
            e.OccurredAt,
            e.Id,
        });
        builder.HasIndex(e => new { e.SubjectId, e.SubjectVersion });
    }
}

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.ToTable("WebhookEndpoints");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Url).HasMaxLength(2000);
        builder.Property(e => e.Description).HasMaxLength(WebhookEndpoint.MaxDescriptionLength);
        builder.Property(e => e.EventTypes).HasMaxLength(1000);
        builder.Property(e => e.SecretCiphertext).HasMaxLength(4096);
        builder.Property(e => e.PreviousSecretCiphertext).HasMaxLength(4096);
        builder.Property(e => e.DisabledReason).HasMaxLength(2000);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.Ignore(e => e.Subscriptions);
        builder.Ignore(e => e.IsEnabled);
        builder.HasIndex(e => e.TenantId);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("WebhookDeliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.EventType).HasMaxLength(64);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.LastError).HasMaxLength(1000);
        builder.Property(d => d.LeaseOwner).HasMaxLength(64);
        builder.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<OutboundEvent>().WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt });
        builder.HasIndex(d => new
        {
            d.EndpointId,
            d.CreatedAt,
            d.Id,
        });
    }
}

internal sealed class NotificationPreferencesConfiguration : IEntityTypeConfiguration<NotificationPreferences>
{
    public void Configure(EntityTypeBuilder<NotificationPreferences> builder)
    {
        builder.ToTable("NotificationPreferences");
        builder.HasKey(p => p.UserId);
        builder.Property(p => p.UserId).ValueGeneratedNever();
    }
}

internal sealed class ScheduledRunConfiguration : IEntityTypeConfiguration<ScheduledRun>
{
    public void Configure(EntityTypeBuilder<ScheduledRun> builder)
    {
        builder.ToTable("ScheduledRuns");
        builder.HasKey(r => r.Key);
        builder.Property(r => r.Key).HasMaxLength(128);
    }
}
