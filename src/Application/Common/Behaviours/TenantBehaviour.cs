using Mediator;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Tenants;

namespace Natero.Connectors.Application.Common.Behaviours;

/// <summary>
/// A tenant request runs only for members of that tenant. Anyone else is told the tenant does not
/// exist, so that probing slugs reveals nothing.
/// </summary>
public sealed class TenantBehaviour<TMessage, TResponse>(ITenantContext tenant, ICurrentUser user, ICurrentTenantAccess access)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken
    )
    {
        if (message is not ITenantRequest)
        {
            return await next(message, cancellationToken);
        }

        if (!user.IsAuthenticated)
        {
            return ResultFailures.Create<TResponse>(Error.Unauthorized());
        }

        if (tenant.TenantId is null || await access.GetAsync(cancellationToken) is not { } current)
        {
            return ResultFailures.Create<TResponse>(Error.NotFound("Tenant"));
        }

        if (current.TenantStatus == TenantStatus.Suspended)
        {
            return ResultFailures.Create<TResponse>(Error.Forbidden("This tenant is suspended. Contact Natero support."));
        }

        return await next(message, cancellationToken);
    }
}
