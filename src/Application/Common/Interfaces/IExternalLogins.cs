using Natero.Connectors.Application.Common.Results;

namespace Natero.Connectors.Application.Common.Interfaces;

/// <summary>
/// Accounts' links to a single sign-on provider's subjects, owned by the identity system. A link is
/// (provider name, the provider's <c>sub</c>): the subject is stable where an email may change hands.
/// </summary>
public interface IExternalLogins
{
    /// <summary>The account linked to this provider's subject, or null.</summary>
    Task<UserSummary?> FindAsync(string provider, string subject, CancellationToken cancellationToken);

    /// <summary>Links the account to the subject; a subject already linked (to any account) is a conflict.</summary>
    Task<Result> LinkAsync(Guid userId, string provider, string subject, string providerDisplayName, CancellationToken cancellationToken);

    /// <summary>An account without a password for the email, linked to the subject; the email counts as confirmed.</summary>
    Task<Result<UserSummary>> CreateAccountAsync(
        string email,
        string? displayName,
        string provider,
        string subject,
        string providerDisplayName,
        CancellationToken cancellationToken
    );

    /// <summary>Starts a session for the account in the current request, recording the provider as how it signed in.</summary>
    Task SignInAsync(Guid userId, string provider, CancellationToken cancellationToken);
}
