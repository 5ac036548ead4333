using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Application.Connections.Commands.AuthorizationLinks;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Connections.Queries.GetAuthorizationLink;

/// <summary>What a link asks for, shown to the person who opened it before they continue.</summary>
[RequirePermission(Permissions.DataConnectors.Configure)]
public sealed record GetAuthorizationLinkQuery(string Token) : IQuery<Result<AuthorizationLinkDto>>, ITenantRequest;

public sealed class GetAuthorizationLinkQueryHandler(IApplicationDbContext db, TimeProvider time)
    : IQueryHandler<GetAuthorizationLinkQuery, Result<AuthorizationLinkDto>>
{
    public async ValueTask<Result<AuthorizationLinkDto>> Handle(GetAuthorizationLinkQuery query, CancellationToken cancellationToken)
    {
        var hash = LinkTokens.HasValidShape(query.Token) ? LinkTokens.Hash(query.Token) : null;
        var link = hash is null
            ? null
            : await db.AuthorizationLinks.AsNoTracking().SingleOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        if (link is null)
        {
            return Error.NotFound("This link");
        }

        return link.RefusalToUse(time.GetUtcNow()) is { } refusal ? Error.Refused(refusal) : AuthorizationLinkHandlers.ToDto(link);
    }
}
