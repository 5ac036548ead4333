namespace Natero.Connectors.Application.Common.Providers;

public enum ApiAccessOutcome
{
    Enabled,

    /// <summary>The org's edition or the user's profile has no API access: fixable by an admin at the provider.</summary>
    Disabled,

    /// <summary>The check itself failed (provider down, unexpected answer): try again later.</summary>
    Unknown,

    /// <summary>The provider refused the access token itself (expired session): refresh once and check again.</summary>
    TokenRejected,
}
