namespace Natero.Connectors.Application.Common.Interfaces;

/// <summary>
/// A transaction that holds a named lock until it ends (see <see cref="IApplicationDbContext.BeginLockedAsync"/>).
/// Saves made inside it are committed by <see cref="CommitAsync"/>; disposed without a commit, it rolls back.
/// </summary>
public interface ILockedTransaction : IAsyncDisposable
{
    Task CommitAsync(CancellationToken cancellationToken);
}
