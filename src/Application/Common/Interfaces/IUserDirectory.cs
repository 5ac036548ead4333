namespace Natero.Connectors.Application.Common.Interfaces;

/// <summary>The user accounts, owned by the identity system.</summary>
public interface IUserDirectory
{
    Task<UserSummary?> FindByEmailAsync(string email, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<Guid, UserSummary>> GetByIdsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    /// <summary>
    /// The platform roles the account holds today; empty for an account that no longer exists. A lockout stops
    /// passwords, not what the account already made: its API keys keep working.
    /// </summary>
    Task<IReadOnlySet<string>> GetActiveRolesAsync(Guid userId, CancellationToken cancellationToken);
}
