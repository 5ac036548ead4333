using Natero.Connectors.Domain.ApiKeys;
using Natero.Connectors.Domain.Common;

namespace Natero.Connectors.Domain.UnitTests.ApiKeys;

/// <summary>S18: a key made by another key stays in its tenant, never outlives it, and is revoked with it.</summary>
public sealed class ApiKeyLineageTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Tenant = Guid.NewGuid();

    [Fact]
    public void S18_a_child_may_expire_with_its_parent_but_not_after_it()
    {
        var parent = Key(Now.AddDays(10));

        parent.MayMakeKeyExpiringAt(Now.AddDays(10)).ShouldBeTrue();
        parent.MayMakeKeyExpiringAt(Now.AddDays(10).AddTicks(1)).ShouldBeFalse();
        Should.Throw<DomainException>(() => Key(Now.AddDays(11), parent));
        Key(Now.AddDays(9), parent).ParentKeyId.ShouldBe(parent.Id);
    }

    [Fact]
    public void S18_a_child_stays_in_its_parents_tenant()
    {
        var parent = Key(Now.AddDays(10));

        Should.Throw<DomainException>(() =>
            ApiKey.Create(Guid.NewGuid(), Guid.NewGuid(), "elsewhere", "ntr_abcdefgh", "hash", ["x"], Guid.NewGuid(), Now, parent)
        );
    }

    [Fact]
    public void S18_revoking_with_the_parent_keeps_an_earlier_revocation()
    {
        var child = Key(Now.AddDays(5));
        child.Revoke(Now);

        child.RevokeWithParent(Now.AddHours(1));

        child.RevokedAt.ShouldBe(Now);
        var alive = Key(Now.AddDays(5));
        alive.RevokeWithParent(Now.AddHours(1));
        alive.RevokedAt.ShouldBe(Now.AddHours(1));
    }

    private static ApiKey Key(DateTimeOffset expiresAt, ApiKey? parent = null) =>
        ApiKey.Create(Guid.NewGuid(), Tenant, "key", "ntr_abcdefgh", "hash", ["DataConnectors.View"], Guid.NewGuid(), expiresAt, parent);
}
