using Mediator;
using Microsoft.Extensions.Logging;
using Natero.Connectors.Application.Common.Interfaces;

namespace Natero.Connectors.Application.Common.Behaviours;

/// <summary>Names the request and the caller; never the request's fields, which may carry secrets.</summary>
public sealed partial class LoggingBehaviour<TMessage, TResponse>(
    ILogger<LoggingBehaviour<TMessage, TResponse>> logger,
    ICurrentUser user,
    ITenantContext tenant
) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken
    )
    {
        LogRequest(logger, typeof(TMessage).Name, user.UserId, tenant.TenantSlug);
        return next(message, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Handling {Request} for user {UserId} in tenant {Tenant}")]
    private static partial void LogRequest(ILogger logger, string request, Guid? userId, string? tenant);
}
