namespace Natero.Connectors.Web.Common.Charts;

/// <summary>One bar (a day, a status): its label and one value per series, stacked in series order.</summary>
public sealed record ChartBar(string Label, IReadOnlyList<long> Values)
{
    public long Total => Values.Sum();
}
