namespace Natero.Connectors.Web.Api;

public sealed record AccessTokenResponse(string AccessToken, Uri InstanceUrl, DateTimeOffset? IssuedAt);
