using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Tenants;

namespace Natero.Connectors.Application.UnitTests.Fakes;

/// <summary>The caller's access to the current tenant as the membership lookup would answer it.</summary>
internal sealed class FakeTenantAccess(TenantAccess? access) : ICurrentTenantAccess
{
    public static readonly Guid TenantId = Guid.Parse("0196a3b4-0000-7000-8000-0000000000aa");

    public static FakeTenantAccess NotAMember => new(null);

    public int Lookups { get; private set; }

    public static FakeTenantAccess Member(params string[] permissions) => new(Access(TenantStatus.Active, permissions));

    public static FakeTenantAccess MemberOfSuspendedTenant(params string[] permissions) => new(Access(TenantStatus.Suspended, permissions));

    public ValueTask<TenantAccess?> GetAsync(CancellationToken cancellationToken)
    {
        Lookups++;
        return ValueTask.FromResult(access);
    }

    private static TenantAccess Access(TenantStatus status, string[] permissions) =>
        new(TenantId, "acme", status, Guid.CreateVersion7(), permissions.ToHashSet(StringComparer.Ordinal));
}
