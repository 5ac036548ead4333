namespace Natero.Connectors.Infrastructure.Zendesk;

/// <summary>The token endpoint's 2xx answer. A legacy client's token has neither an expiry nor a refresh token.</summary>
internal sealed record ZendeskToken(string AccessToken, string? RefreshToken, string? Scope, TimeSpan? ExpiresIn)
{
    public override string ToString() => $"ZendeskToken {{ Scope = {Scope}, ExpiresIn = {ExpiresIn} }}";
}

/// <summary><c>users/me</c>'s user; <see cref="Id"/> is null for the anonymous user Zendesk describes to an unknown caller.</summary>
internal sealed record ZendeskUser(long? Id, string? Email, string? Name, string? Role, bool Active, bool Suspended);

/// <summary>How one API call ended: its status (0 when no answer came) and Zendesk's error words, if any.</summary>
internal sealed record ZendeskAnswer(int StatusCode, string? ErrorCode, string? Description)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}
