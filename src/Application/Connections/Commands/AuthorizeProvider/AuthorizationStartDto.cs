namespace Natero.Connectors.Application.Connections.Commands.AuthorizeProvider;

public sealed record AuthorizationStartDto(Uri AuthorizationUrl, string BrowserBinding, DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"AuthorizationStartDto {{ ExpiresAt = {ExpiresAt} }}";
}
