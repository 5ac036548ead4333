namespace Natero.Connectors.Application.Common;

/// <summary>
/// The one place ids are minted. Time-ordered ids keep inserts append-only in every index and let a
/// list sort newest first by id; the time comes from the injected clock, so tests can move it.
/// </summary>
public static class Ids
{
    public static Guid New(TimeProvider time) => New(time.GetUtcNow());

    /// <summary>An id minted at <paramref name="now"/>, for code that has already read the clock for the row it creates.</summary>
    public static Guid New(DateTimeOffset now) => Guid.CreateVersion7(now);
}
