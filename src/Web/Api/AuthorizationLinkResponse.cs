namespace Natero.Connectors.Web.Api;

public sealed record AuthorizationLinkResponse(Guid Id, Uri AuthorizationUrl, DateTimeOffset ExpiresAt);
