namespace Natero.Connectors.Application.Connections.Queries.GetAbandonedAuthorization;

/// <summary>An authorization the person started at <paramref name="StartedAt"/> that never came back from the provider.</summary>
public sealed record AbandonedAuthorizationDto(string Provider, DateTimeOffset StartedAt);
