namespace Natero.Connectors.Application.Common;

internal static class Ids
{
    /// <summary>Time-ordered ids keep inserts append-only in every index.</summary>
    public static Guid New(TimeProvider time) => Guid.CreateVersion7(time.GetUtcNow());
}
