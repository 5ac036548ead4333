using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Domain.Tenants;
using Riok.Mapperly.Abstractions;

namespace Natero.Connectors.Application.Tenants.Queries.GetMembers;

[Mapper]
internal static partial class MemberMapper
{
    public static MemberDto ToDto(Membership membership, UserSummary user) =>
        ToDto(membership, user.Email, user.DisplayName, [.. membership.Permissions.Order(StringComparer.Ordinal)], user.HasSecondFactor);

    [MapProperty(nameof(Membership.Id), nameof(MemberDto.MembershipId))]
    [MapProperty(nameof(Membership.CreatedAt), nameof(MemberDto.AddedAt))]
    [MapperIgnoreSource(nameof(Membership.TenantId))]
    [MapperIgnoreSource(nameof(Membership.UpdatedAt))]
    [MapperIgnoreSource(nameof(Membership.Permissions))]
    private static partial MemberDto ToDto(
        Membership membership,
        string email,
        string displayName,
        IReadOnlyList<string> permissions,
        bool hasSecondFactor
    );
}
