using System.Collections.Concurrent;
using System.Reflection;
using Mediator;
using Microsoft.Extensions.Logging;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Common.Behaviours;

/// <summary>
/// Enforces what each request declares. The pages and endpoints check too; this is the net that no
/// entry point can step around. A request that declares nothing still needs a signed-in caller.
/// </summary>
public sealed partial class AuthorizationBehaviour<TMessage, TResponse>(
    ICurrentUser user,
    ICurrentTenantAccess access,
    ILogger<AuthorizationBehaviour<TMessage, TResponse>> logger
) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly ConcurrentDictionary<Type, RequestRequirements> Requirements = new();

    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken
    )
    {
        var requirements = Requirements.GetOrAdd(typeof(TMessage), RequestRequirements.Of);
        if (requirements.AllowAnonymous)
        {
            return await next(message, cancellationToken);
        }

        if (!user.IsAuthenticated)
        {
            return ResultFailures.Create<TResponse>(Error.Unauthorized());
        }

        if (requirements.PlatformRoles.Count > 0 && !requirements.PlatformRoles.Any(user.IsInRole))
        {
            return Deny($"This needs the {string.Join(" or ", requirements.PlatformRoles)} role.");
        }

        if (requirements.Permissions.Count > 0)
        {
            var current = await access.GetAsync(cancellationToken);
            var missing = requirements.Permissions.FirstOrDefault(p => current is null || !current.Has(p));
            if (missing is not null)
            {
                return Deny($"You need the \"{Permissions.DisplayName(missing)}\" permission in this tenant.");
            }
        }

        return await next(message, cancellationToken);
    }

    private TResponse Deny(string reason)
    {
        LogDenied(logger, typeof(TMessage).Name, user.UserId, reason);
        return ResultFailures.Create<TResponse>(Error.Forbidden(reason));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Denied {Request} to user {UserId}: {Reason}")]
    private static partial void LogDenied(ILogger logger, string request, Guid? userId, string reason);
}

internal sealed record RequestRequirements(bool AllowAnonymous, IReadOnlyList<string> PlatformRoles, IReadOnlyList<string> Permissions)
{
    public static RequestRequirements Of(Type requestType) =>
        new(
            requestType.GetCustomAttribute<AllowAnonymousRequestAttribute>() is not null,
            requestType.GetCustomAttribute<RequirePlatformRoleAttribute>()?.Roles ?? [],
            [.. requestType.GetCustomAttributes<RequirePermissionAttribute>().Select(a => a.Permission)]
        );
}
