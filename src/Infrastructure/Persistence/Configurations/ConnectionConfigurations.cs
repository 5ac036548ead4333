using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Domain.Tenants;

namespace Natero.Connectors.Infrastructure.Persistence.Configurations;

internal sealed class ProviderConnectionConfiguration : IEntityTypeConfiguration<ProviderConnection>
{
    public void Configure(EntityTypeBuilder<ProviderConnection> builder)
    {
        builder.ToTable("ProviderConnections");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Restrict);

        // Re-authorizing an org must find its connection, never add a second one.
        builder
            .HasIndex(c => new
            {
                c.TenantId,
                c.Provider,
                c.ExternalOrgId,
            })
            .IsUnique();
        builder.HasIndex(c => c.Status);

        // The API pages a tenant's connections by id, newest first.
        builder.HasIndex(c => new { c.TenantId, c.Id });
        builder.Property(c => c.Provider).HasMaxLength(32);
        builder.Property(c => c.Environment).HasMaxLength(32);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.StatusBeforeSuspension).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.SuspensionReason).HasMaxLength(2000);
        builder.Property(c => c.SignInHost).HasMaxLength(255);
        builder.Property(c => c.AccountName).HasMaxLength(256);
        builder.Property(c => c.AccountEdition).HasMaxLength(128);
        builder.Property(c => c.ExternalOrgId).HasMaxLength(64);
        builder.Property(c => c.ExternalUserId).HasMaxLength(64);
        builder.Property(c => c.Username).HasMaxLength(256);
        builder.Property(c => c.DisplayName).HasMaxLength(256);
        builder.Property(c => c.AuthorizedByName).HasMaxLength(256);
        builder.Property(c => c.InstanceUrl).HasMaxLength(512);
        builder.Property(c => c.GrantedScopes).HasMaxLength(1024);
        builder.Property(c => c.ConfigurationNote).HasMaxLength(2000);
        builder.Property(c => c.LastErrorCode).HasMaxLength(64);
        builder.Property(c => c.LastErrorMessage).HasMaxLength(2000);
        builder.Property(c => c.AccessTokenCiphertext).HasMaxLength(8192);
        builder.Property(c => c.RefreshTokenCiphertext).HasMaxLength(8192);
        builder.Property(c => c.VerificationLeaseOwner).HasMaxLength(128);
        builder.HasIndex(c => c.NextVerificationAt);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Ignore(c => c.HasTokens);
        builder.Ignore(c => c.IsConfigurationComplete);
        builder.Ignore(c => c.IsSuspended);
        builder.Ignore(c => c.IsWorking);
        builder.Ignore(c => c.Site);
        builder.Ignore(c => c.ApiAllowanceLow);
        builder.Ignore(c => c.StatusReason);
        builder.Ignore(c => c.WasReauthorized);
    }
}

internal sealed class PendingAuthorizationConfiguration : IEntityTypeConfiguration<PendingAuthorization>
{
    public void Configure(EntityTypeBuilder<PendingAuthorization> builder)
    {
        builder.ToTable("PendingAuthorizations");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => p.StateHash).IsUnique();
        builder.HasIndex(p => p.ExpiresAt);
        builder.Property(p => p.Provider).HasMaxLength(32);
        builder.Property(p => p.Environment).HasMaxLength(32);
        builder.Property(p => p.SignInHost).HasMaxLength(255);
        builder.Property(p => p.LoginUrl).HasMaxLength(512);
        builder.Property(p => p.StateHash).HasMaxLength(128);
        builder.Property(p => p.BrowserBindingHash).HasMaxLength(128);
        builder.Property(p => p.ProtectedCodeVerifier).HasMaxLength(1024);
        builder.Property(p => p.ReturnUrl).HasMaxLength(2048);
        builder.Property(p => p.Outcome).HasConversion<string>().HasMaxLength(32);
        builder.Property(p => p.OutcomeDetail).HasMaxLength(2000);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Ignore(p => p.IsConsumed);
        builder.Ignore(p => p.Site);
    }
}

internal sealed class GrantRevocationConfiguration : IEntityTypeConfiguration<GrantRevocation>
{
    public void Configure(EntityTypeBuilder<GrantRevocation> builder)
    {
        builder.ToTable("GrantRevocations");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => r.NextAttemptAt);
        builder.Property(r => r.Provider).HasMaxLength(32);
        builder.Property(r => r.Environment).HasMaxLength(32);
        builder.Property(r => r.SignInHost).HasMaxLength(255);
        builder.Property(r => r.AccessTokenCiphertext).HasMaxLength(8192);
        builder.Property(r => r.RefreshTokenCiphertext).HasMaxLength(8192);
        builder.Property(r => r.LastError).HasMaxLength(GrantRevocation.ErrorMaxLength);
        builder.Ignore(r => r.Site);
    }
}

internal sealed class AuthorizationLinkConfiguration : IEntityTypeConfiguration<AuthorizationLink>
{
    public void Configure(EntityTypeBuilder<AuthorizationLink> builder)
    {
        builder.ToTable("AuthorizationLinks");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.HasIndex(l => new { l.TenantId, l.CreatedAt });
        builder.Property(l => l.TokenHash).HasMaxLength(64);
        builder.Property(l => l.Provider).HasMaxLength(32);
        builder.Property(l => l.Environment).HasMaxLength(32);
        builder.Property(l => l.SignInHost).HasMaxLength(253);
        builder.Property(l => l.ReturnUrl).HasMaxLength(2048);
        builder.Property(l => l.RequestedBy).HasMaxLength(256);
        builder.Property(l => l.Version).IsConcurrencyToken();
        builder.Ignore(l => l.Site);
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<Idempotency.IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<Idempotency.IdempotencyRecord> builder)
    {
        builder.ToTable("IdempotencyRecords");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasIndex(r => new { r.Scope, r.Key }).IsUnique();
        builder.HasIndex(r => r.ExpiresAt);
        builder.Property(r => r.Scope).HasMaxLength(64);
        builder.Property(r => r.Key).HasMaxLength(255);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        builder.Property(r => r.ContentType).HasMaxLength(128);
        builder.Property(r => r.Location).HasMaxLength(2048);
    }
}
