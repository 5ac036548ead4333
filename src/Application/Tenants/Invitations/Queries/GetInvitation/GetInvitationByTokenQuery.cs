using Mediator;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;

namespace Natero.Connectors.Application.Tenants.Invitations.Queries.GetInvitation;

/// <summary>What an invitation link offers, for the person who opened it (the link itself is the proof).</summary>
[AllowAnonymousRequest]
public sealed record GetInvitationByTokenQuery(string Token) : IQuery<Result<InvitationPreviewDto>>
{
    public override string ToString() => nameof(GetInvitationByTokenQuery);
}

public sealed class GetInvitationByTokenQueryHandler(IApplicationDbContext db, IUserDirectory users, TimeProvider time)
    : IQueryHandler<GetInvitationByTokenQuery, Result<InvitationPreviewDto>>
{
    public async ValueTask<Result<InvitationPreviewDto>> Handle(GetInvitationByTokenQuery query, CancellationToken cancellationToken)
    {
        if (await InvitationTokens.FindAsync(db, query.Token, cancellationToken) is not var (invitation, tenant))
        {
            return Error.NotFound("Invitation");
        }

        var account = await users.FindByEmailAsync(invitation.Email, cancellationToken);
        return new InvitationPreviewDto(
            tenant.Name,
            tenant.Slug,
            invitation.Email,
            [.. invitation.Permissions],
            invitation.InvitedByName,
            invitation.StateAt(time.GetUtcNow()),
            invitation.ExpiresAt,
            account is not null
        );
    }
}
