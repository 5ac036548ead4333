using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Natero.Connectors.Domain.ApiKeys;
using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Infrastructure.Persistence.Configurations;

internal sealed class ConnectionVerificationConfiguration : IEntityTypeConfiguration<ConnectionVerification>
{
    public void Configure(EntityTypeBuilder<ConnectionVerification> builder)
    {
        builder.ToTable("ConnectionVerifications");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.StatusAfter).HasConversion<string>().HasMaxLength(32);
        builder.Property(v => v.Message).HasMaxLength(500);

        // A connection's history reads its checks newest first; the overview counts every tenant's by day.
        builder.HasIndex(v => new
        {
            v.ConnectionId,
            v.CheckedAt,
            v.Id,
        });
        builder.HasIndex(v => new { v.CheckedOn, v.Healthy });
    }
}

internal sealed class ApiCallTallyConfiguration : IEntityTypeConfiguration<ApiCallTally>
{
    public void Configure(EntityTypeBuilder<ApiCallTally> builder)
    {
        builder.ToTable("ApiCallTallies");
        builder.HasKey(t => new { t.Scope, t.Day });
        builder.HasIndex(t => t.Day);
    }
}
