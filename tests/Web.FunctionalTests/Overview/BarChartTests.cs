using System.Text.RegularExpressions;
using Natero.Connectors.Web.Common.Charts;

namespace Natero.Connectors.Web.FunctionalTests.Overview;

/// <summary>The SVG chart builder on its own: scales, empty data, one value, labels escaped, a title per segment.</summary>
public sealed partial class BarChartTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(3, 5)]
    [InlineData(7, 10)]
    [InlineData(11, 20)]
    [InlineData(200, 200)]
    [InlineData(201, 500)]
    [InlineData(999_001, 1_000_000)]
    public void The_scale_is_the_next_one_two_or_five_times_a_power_of_ten(long largest, long scale) =>
        BarChart.NiceCeiling(largest).ShouldBe(scale);

    [Fact]
    public void An_empty_chart_still_draws_its_axis_and_says_there_is_nothing_to_show()
    {
        var html = Render(
            new BarChart("c", "Checks", [new ChartSeries("Passed", 1)], [new ChartBar("12-01", [0]), new ChartBar("12-02", [0])])
        );

        html.ShouldContain("<title id=\"c-title\">Checks: nothing to show.</title>");
        Segments(html).ShouldBeEmpty();
        html.ShouldContain("<td class=\"num\" data-label=\"Passed\">0</td>");
        Regex.Count(html, "class=\"chart-grid\"").ShouldBe(3);
    }

    [Fact]
    public void One_value_fills_the_plot_and_has_its_number_on_hover_and_in_the_table()
    {
        var html = Render(new BarChart("c", "Checks", [new ChartSeries("Passed", 1)], [new ChartBar("12-01", [5])]));

        Segments(html).ShouldBe(["12-01: Passed 5"]);
        html.ShouldContain("height=\"180\"");
        html.ShouldContain(">5</text>");
        html.ShouldContain("<tr><th scope=\"row\">12-01</th><td class=\"num\" data-label=\"Passed\">5</td></tr>");
    }

    [Fact]
    public void Stacked_series_have_a_legend_a_pattern_a_title_per_segment_and_a_total()
    {
        var chart = new BarChart(
            "checks",
            "Checks",
            [new ChartSeries("Passed", 2), new ChartSeries("Failed", 3, Hatched: true)],
            [new ChartBar("12-01", [4, 1]), new ChartBar("12-02", [0, 2])]
        );

        var html = Render(chart);

        Segments(html).ShouldBe(["12-01: Passed 4", "12-01: Failed 1", "12-02: Failed 2"]);
        html.ShouldContain("<ul class=\"chart-legend\">");
        html.ShouldContain("<pattern id=\"checks-hatch\"");
        html.ShouldContain("fill=\"url(#checks-hatch)\"");
        html.ShouldContain("<th scope=\"col\" class=\"num\">Total</th>");
        html.ShouldContain("<td class=\"num\" data-label=\"Total\">5</td></tr>");
        html.ShouldContain("viewBox=\"0 0 640 ");
        html.ShouldContain("width=\"100%\"");
    }

    [Fact]
    public void Labels_and_names_are_escaped()
    {
        var html = Render(
            new BarChart("c", "<b>Title</b>", [new ChartSeries("A & B", 1)], [new ChartBar("<script>alert(1)</script>", [1])])
            {
                Rows = true,
            }
        );

        html.ShouldNotContain("<script>");
        html.ShouldNotContain("<b>");
        html.ShouldContain("&lt;script&gt;");
        html.ShouldContain("A &amp; B");
    }

    [Fact]
    public void Rows_write_every_label_and_columns_every_nth_counted_back_from_the_last()
    {
        var bars = Enumerable.Range(1, 30).Select(d => new ChartBar($"d{d}", [d])).ToList();

        var columns = Render(new BarChart("c", "Days", [new ChartSeries("N", 1)], bars) { LabelEvery = 7 });
        var rows = Render(new BarChart("r", "Days", [new ChartSeries("N", 1)], bars) { Rows = true });

        // d30, d23, d16, d9, d2: the last day always, and never two labels side by side.
        Regex
            .Matches(columns, "text-anchor=\"middle\">(d[0-9]+)<")
            .Select(m => m.Groups[1].Value)
            .ShouldBe(["d2", "d9", "d16", "d23", "d30"]);
        Regex.Count(rows, "text-anchor=\"end\">d").ShouldBe(30);
    }

    private static string Render(BarChart chart)
    {
        using var writer = new StringWriter();
        chart.Render().WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return writer.ToString();
    }

    private static List<string> Segments(string html) =>
        [.. SegmentTitle().Matches(html).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))];

    [GeneratedRegex("<rect class=\"[^\"]*\"(?: fill=\"[^\"]*\")? x=[^>]*><title>([^<]*)</title></rect>")]
    private static partial Regex SegmentTitle();
}
