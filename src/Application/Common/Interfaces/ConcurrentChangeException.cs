namespace Natero.Connectors.Application.Common.Interfaces;

/// <summary>
/// What <see cref="IApplicationDbContext.SaveChangesAsync"/> throws when a row it saves was changed by someone
/// else since it was read (a concurrency token no longer matches). Nothing of that save was written, and the
/// unit of work has let go of every change it held, so the request can still record why it failed. The audit
/// behaviour answers the request with <see cref="Results.Error.ConcurrentChange"/>.
/// </summary>
public sealed class ConcurrentChangeException : Exception
{
    public ConcurrentChangeException()
        : this("A row was changed by someone else since it was read; nothing was saved.") { }

    public ConcurrentChangeException(string message)
        : base(message) { }

    public ConcurrentChangeException(string message, Exception innerException)
        : base(message, innerException) { }
}
