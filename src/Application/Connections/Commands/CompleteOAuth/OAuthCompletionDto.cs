using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Application.Connections.Commands.CompleteOAuth;

/// <summary>How a claimed attempt ended and where to take the person next.</summary>
public sealed record OAuthCompletionDto(
    bool Connected,
    string Message,
    string ReturnUrl,
    string TenantSlug,
    Guid? ConnectionId,
    ConnectionStatus? Status
);
