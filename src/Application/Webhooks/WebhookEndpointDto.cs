namespace Natero.Connectors.Application.Webhooks;

/// <summary>A webhook endpoint as pages and the API show it; never its secret.</summary>
public sealed record WebhookEndpointDto(
    Guid Id,
    string Url,
    string? Description,
    IReadOnlyList<string> EventTypes,
    bool Enabled,
    DateTimeOffset? DisabledAt,
    string? DisabledReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastSuccessAt,
    DateTimeOffset? FailingSince,
    DateTimeOffset? PreviousSecretExpiresAt
);
