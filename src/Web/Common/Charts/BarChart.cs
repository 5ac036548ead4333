using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Natero.Connectors.Web.Common.Charts;

/// <summary>
/// A stacked bar chart drawn on the server as SVG: no script, no download. Columns suit a series over days; rows
/// (<see cref="Rows"/>) suit categories with long names. The SVG is an image named by its title, scales with its
/// <c>viewBox</c>, shows each segment's number on hover (its <c>&lt;title&gt;</c>), and comes with a table of the same
/// numbers for screen readers and anyone who prefers reading them.
/// </summary>
public sealed class BarChart(string id, string title, IReadOnlyList<ChartSeries> series, IReadOnlyList<ChartBar> bars)
{
    private const int Width = 640;

    // Rows sit in half-width cards: a narrower drawing keeps their words as large as the columns' once scaled.
    private const int RowsWidth = 400;
    private const int ColumnPlotHeight = 180;
    private const int AxisWidth = 48;
    private const int LabelHeight = 36;
    private const int Top = 12;
    private const int RowHeight = 28;
    private const int RowLabelWidth = 150;

    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public string Id { get; } = id;
    public string Title { get; } = title;
    public IReadOnlyList<ChartSeries> Series { get; } = series;
    public IReadOnlyList<ChartBar> Bars { get; } = bars;

    /// <summary>Horizontal bars with the labels on the left, for categories.</summary>
    public bool Rows { get; init; }

    /// <summary>On columns, every how many bars a label is written (1: all); the table has them all.</summary>
    public int LabelEvery { get; init; } = 1;

    /// <summary>The head of the table's first column ("Day", "Status").</summary>
    public string LabelHeader { get; init; } = "Label";

    /// <summary>The top of the value axis: the largest stacked total rounded up to 1, 2 or 5 times a power of ten.</summary>
    public long Scale => NiceCeiling(Bars.Count == 0 ? 0 : Bars.Max(b => b.Total));

    public IHtmlContent Render()
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<figure class=\"chart\" id=\"{Html.Encode(Id)}\">");
        html.Append(CultureInfo.InvariantCulture, $"<figcaption class=\"chart-caption\">{Html.Encode(Title)}</figcaption>");
        Legend(html);
        if (Rows)
        {
            RowsSvg(html);
        }
        else
        {
            ColumnsSvg(html);
        }

        Table(html);
        html.Append("</figure>");
        return new HtmlString(html.ToString());
    }

    /// <summary>1, 2 or 5 times a power of ten, at least <paramref name="value"/>; 1 for nothing: an empty chart has an axis.</summary>
    public static long NiceCeiling(long value)
    {
        if (value <= 1)
        {
            return 1;
        }

        long power = 1;
        while (true)
        {
            foreach (var step in (ReadOnlySpan<long>)[1, 2, 5])
            {
                if (step * power >= value)
                {
                    return step * power;
                }
            }

            power *= 10;
        }
    }

    private void Legend(StringBuilder html)
    {
        if (Series.Count < 2)
        {
            return;
        }

        html.Append("<ul class=\"chart-legend\">");
        foreach (var s in Series)
        {
            html.Append(
                CultureInfo.InvariantCulture,
                $"<li><svg class=\"chart-key\" viewBox=\"0 0 14 14\" aria-hidden=\"true\" focusable=\"false\">"
            );
            html.Append(
                CultureInfo.InvariantCulture,
                $"<rect width=\"14\" height=\"14\" class=\"{Fill(s)}\"/></svg>{Html.Encode(s.Name)}</li>"
            );
        }

        html.Append("</ul>");
    }

    private void OpenSvg(StringBuilder html, int width, int height)
    {
        html.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart-svg\" role=\"img\" aria-labelledby=\"{Html.Encode(Id)}-title\" ");
        html.Append(
            CultureInfo.InvariantCulture,
            $"viewBox=\"0 0 {width} {height}\" width=\"100%\" preserveAspectRatio=\"xMidYMid meet\">"
        );
        html.Append(CultureInfo.InvariantCulture, $"<title id=\"{Html.Encode(Id)}-title\">{Html.Encode(Summary())}</title>");
        if (Series.FirstOrDefault(s => s.Hatched) is { } hatched)
        {
            html.Append(CultureInfo.InvariantCulture, $"<defs><pattern id=\"{Html.Encode(Id)}-hatch\" width=\"6\" height=\"6\" ");
            html.Append(CultureInfo.InvariantCulture, $"patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">");
            html.Append(CultureInfo.InvariantCulture, $"<rect width=\"6\" height=\"6\" class=\"chart-c{hatched.Colour}\"/>");
            html.Append("<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" class=\"chart-hatch-line\"/></pattern></defs>");
        }
    }

    private void ColumnsSvg(StringBuilder html)
    {
        var height = Top + ColumnPlotHeight + LabelHeight;
        OpenSvg(html, Width, height);
        var scale = Scale;
        var plotWidth = Width - AxisWidth - 8;
        var baseline = Top + ColumnPlotHeight;
        foreach (var tick in new[] { 0, scale / 2.0, scale })
        {
            var y = baseline - (tick / scale * ColumnPlotHeight);
            html.Append(
                CultureInfo.InvariantCulture,
                $"<line class=\"chart-grid\" x1=\"{AxisWidth}\" x2=\"{Width - 8}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\"/>"
            );
            html.Append(
                CultureInfo.InvariantCulture,
                $"<text class=\"chart-axis\" x=\"{AxisWidth - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">"
            );
            html.Append(CultureInfo.InvariantCulture, $"{Number(tick)}</text>");
        }

        var slot = Bars.Count == 0 ? plotWidth : (double)plotWidth / Bars.Count;
        var barWidth = Math.Max(1, slot * 0.7);
        for (var i = 0; i < Bars.Count; i++)
        {
            var bar = Bars[i];
            var x = AxisWidth + (i * slot) + ((slot - barWidth) / 2);
            var y = (double)baseline;
            for (var s = 0; s < Series.Count && s < bar.Values.Count; s++)
            {
                var h = bar.Values[s] / (double)scale * ColumnPlotHeight;
                y -= h;
                Segment(html, bar, s, x, y, barWidth, h);
            }

            // Counted back from the last bar (today), so that the last is labelled and no two labels crowd each other.
            if ((Bars.Count - 1 - i) % Math.Max(1, LabelEvery) == 0)
            {
                var middle = x + (barWidth / 2);
                html.Append(
                    CultureInfo.InvariantCulture,
                    $"<text class=\"chart-axis\" x=\"{middle:0.#}\" y=\"{baseline + 18}\" text-anchor=\"middle\">"
                );
                html.Append(CultureInfo.InvariantCulture, $"{Html.Encode(bar.Label)}</text>");
            }
        }

        html.Append("</svg>");
    }

    private void RowsSvg(StringBuilder html)
    {
        var height = Top + (Math.Max(1, Bars.Count) * RowHeight) + 8;
        OpenSvg(html, RowsWidth, height);
        var scale = Scale;
        var plotWidth = RowsWidth - RowLabelWidth - 50;
        for (var i = 0; i < Bars.Count; i++)
        {
            var bar = Bars[i];
            var y = Top + (i * RowHeight);
            html.Append(
                CultureInfo.InvariantCulture,
                $"<text class=\"chart-axis\" x=\"{RowLabelWidth - 8}\" y=\"{y + 17}\" text-anchor=\"end\">{Html.Encode(bar.Label)}</text>"
            );
            var x = (double)RowLabelWidth;
            for (var s = 0; s < Series.Count && s < bar.Values.Count; s++)
            {
                var w = bar.Values[s] / (double)scale * plotWidth;
                Segment(html, bar, s, x, y + 4, w, RowHeight - 8);
                x += w;
            }

            html.Append(
                CultureInfo.InvariantCulture,
                $"<text class=\"chart-value\" x=\"{x + 6:0.#}\" y=\"{y + 17}\">{Number(bar.Total)}</text>"
            );
        }

        html.Append("</svg>");
    }

    private void Segment(StringBuilder html, ChartBar bar, int s, double x, double y, double width, double height)
    {
        if (bar.Values[s] <= 0)
        {
            return;
        }

        var hover = $"{bar.Label}: {Series[s].Name} {Number(bar.Values[s])}";
        html.Append(CultureInfo.InvariantCulture, $"<rect class=\"{Fill(Series[s])}\" x=\"{x:0.##}\" y=\"{y:0.##}\" ");
        html.Append(
            CultureInfo.InvariantCulture,
            $"width=\"{width:0.##}\" height=\"{height:0.##}\"><title>{Html.Encode(hover)}</title></rect>"
        );
    }

    private void Table(StringBuilder html)
    {
        html.Append("<details class=\"chart-data\"><summary>Numbers of this chart</summary><div class=\"table-wrap\"><table>");
        html.Append(CultureInfo.InvariantCulture, $"<caption class=\"visually-hidden\">{Html.Encode(Title)}</caption><thead><tr>");
        html.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\">{Html.Encode(LabelHeader)}</th>");
        foreach (var s in Series)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\" class=\"num\">{Html.Encode(s.Name)}</th>");
        }

        if (Series.Count > 1)
        {
            html.Append("<th scope=\"col\" class=\"num\">Total</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var bar in Bars)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{Html.Encode(bar.Label)}</th>");
            for (var s = 0; s < Series.Count; s++)
            {
                var value = Number(s < bar.Values.Count ? bar.Values[s] : 0);
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"num\" data-label=\"{Html.Encode(Series[s].Name)}\">{value}</td>");
            }

            if (Series.Count > 1)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"num\" data-label=\"Total\">{Number(bar.Total)}</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table></div></details>");
    }

    /// <summary>What the image says in one sentence, for screen readers that read the image's name.</summary>
    private string Summary()
    {
        var total = Bars.Sum(b => b.Total);
        return Bars.Count == 0 || total == 0
            ? $"{Title}: nothing to show."
            : $"{Title}: {Number(total)} in all over {Bars.Count} bars; the numbers are in the table below.";
    }

    /// <summary>The class and fill of a series' shapes: a hatched one is painted with its chart's pattern, in its colour.</summary>
    private string Fill(ChartSeries s) => s.Hatched ? $"chart-hatched\" fill=\"url(#{Html.Encode(Id)}-hatch)" : $"chart-c{s.Colour}";

    private static string Number(double value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);
}
