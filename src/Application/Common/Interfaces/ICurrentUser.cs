using Natero.Connectors.Domain.ApiKeys;

namespace Natero.Connectors.Application.Common.Interfaces;

/// <summary>
/// Who is asking: a signed-in person, an API key (acting for the person who created it, with no more
/// than the key's scopes), or nobody.
/// </summary>
public interface ICurrentUser
{
    Guid? UserId { get; }
    string? Email { get; }
    string? DisplayName { get; }
    bool IsAuthenticated => UserId is not null;
    bool IsInRole(string role);

    /// <summary>The API key the request came with; null for a person.</summary>
    ApiKeyActor? ApiKey => null;

    /// <summary>The browser session (sign-in) of the request; null for an API key or outside a request.</summary>
    Guid? SessionId => null;

    /// <summary>Whether the signed-in person has a second factor (an authenticator app or a passkey).</summary>
    bool HasSecondFactor => false;
}
