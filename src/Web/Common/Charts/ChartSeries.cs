namespace Natero.Connectors.Web.Common.Charts;

/// <summary>
/// One series of a chart: its name (in the legend, the table and each bar's hover text) and its look. Series are
/// told apart by colour and by pattern (<see cref="Hatched"/>), never by colour alone.
/// </summary>
public sealed record ChartSeries(string Name, int Colour, bool Hatched = false);
