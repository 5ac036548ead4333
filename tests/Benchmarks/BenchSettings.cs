namespace Natero.Connectors.Benchmarks;

/// <summary>Settings over the test database's, so that the benchmarks measure what production runs.</summary>
internal static class BenchSettings
{
    /// <summary>
    /// The tests turn EF Core's thread safety checks on to find misuse; production leaves them off (DatabaseOptions). The
    /// tests drive the revocation worker by hand; production runs it, so the grants a reauthorization lets go are revoked
    /// beside the measured work, in the same process.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> AsInProduction { get; } =
        new Dictionary<string, string?> { ["Database:ThreadSafetyChecks"] = "false", ["Revocations:WorkerEnabled"] = "true" };
}
