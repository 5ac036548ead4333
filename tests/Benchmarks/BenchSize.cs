namespace Natero.Connectors.Benchmarks;

/// <summary>
/// Full size for measuring, or a smoke size that only proves a scenario still starts and finishes
/// (a few seconds each; ./test.sh runs every scenario that way).
/// </summary>
internal static class BenchSize
{
    public static bool Smoke { get; set; }

    public static int Of(int full, int smoke) => Smoke ? smoke : full;

    public static TimeSpan Of(TimeSpan full, TimeSpan smoke) => Smoke ? smoke : full;
}
