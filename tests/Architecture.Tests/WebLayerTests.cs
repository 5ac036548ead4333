using System.Text.RegularExpressions;
using NetArchTest.Rules;

namespace Natero.Connectors.Architecture.Tests;

/// <summary>
/// Web is layered too: the API and the pages are two entry points that share only <c>Web.Common</c> (the
/// status table, the problem types); neither imports the other, and the API reaches Infrastructure only
/// through Application's ports. Composition, the composition root, is the one place that wires Infrastructure in.
/// </summary>
public sealed partial class WebLayerTests
{
    private const string Api = Layers.WebNamespace + ".Api";
    private const string Pages = Layers.WebNamespace + ".Pages";
    private const string Common = Layers.WebNamespace + ".Common";
    private const string Composition = Layers.WebNamespace + ".Composition";

    /// <summary>The one file that maps a result's <c>ErrorKind</c> to an HTTP status, relative to src/.</summary>
    private const string StatusTable = "Web/Common/ResultStatus.cs";

    [Fact]
    public void The_api_depends_on_neither_the_pages_nor_infrastructure()
    {
        // Lambdas and closures of the endpoint files are nested types of their class, so their
        // dependencies count too.
        Types
            .InAssembly(Layers.Web)
            .That()
            .ResideInNamespace(Api)
            .ShouldNot()
            .HaveDependencyOnAny(Pages, Layers.InfrastructureNamespace)
            .GetResult()
            .ShouldPass("Web.Api must not depend on Web.Pages or on Infrastructure (use an Application port)");
    }

    [Fact]
    public void The_pages_do_not_depend_on_the_api()
    {
        Types
            .InAssembly(Layers.Web)
            .That()
            .ResideInNamespace(Pages)
            .ShouldNot()
            .HaveDependencyOn(Api)
            .GetResult()
            .ShouldPass("Web.Pages must not depend on Web.Api");
    }

    [Fact]
    public void Web_common_depends_on_no_entry_point_nor_the_composition_root()
    {
        Types
            .InAssembly(Layers.Web)
            .That()
            .ResideInNamespace(Common)
            .ShouldNot()
            .HaveDependencyOnAny(Api, Pages, Composition, Layers.InfrastructureNamespace)
            .GetResult()
            .ShouldPass("Web.Common is shared by the API and the pages and must depend on neither, nor on Composition or Infrastructure");
    }

    [Fact]
    public void Web_rules_catch_a_dependency_where_there_is_one()
    {
        // The composition root does reference Infrastructure and the API: the rules above would name it.
        Types
            .InAssembly(Layers.Web)
            .That()
            .ResideInNamespace(Composition)
            .ShouldNot()
            .HaveDependencyOnAny(Pages, Layers.InfrastructureNamespace)
            .GetResult()
            .IsSuccessful.ShouldBeFalse("the rule must fail on a namespace that does depend on Infrastructure, or it proves nothing");
        Types.InAssembly(Layers.Web).That().ResideInNamespace(Api).GetTypes().ShouldNotBeEmpty();
        Types.InAssembly(Layers.Web).That().ResideInNamespace(Pages).GetTypes().ShouldNotBeEmpty();
    }

    [Fact]
    public void Only_the_status_table_maps_an_error_kind_to_an_http_status()
    {
        var offenders = Layers
            .CSharpFiles(Layers.Source)
            .Where(file => file.RelativePath(Layers.Source) != StatusTable)
            .SelectMany(file =>
                File.ReadLines(file.FullName)
                    .Select((text, index) => (Text: text, Line: index + 1))
                    .Where(line => KindToStatus().IsMatch(line.Text) || StatusToKind().IsMatch(line.Text))
                    .Select(line => $"{file.RelativePath(Layers.Source)}:{line.Line}")
            )
            .ToList();

        offenders.ShouldBeEmpty($"map an ErrorKind to a status only in {StatusTable} (ResultStatus.Of)");
    }

    [Fact]
    public void Status_table_scan_sees_a_mapping_where_there_is_one()
    {
        var table = File.ReadAllLines(Path.Combine(Layers.Source.FullName, StatusTable));

        table.Count(line => KindToStatus().IsMatch(line)).ShouldBeGreaterThanOrEqualTo(5);
    }

    /// <summary>Each kind of failure answers its status, pages and API alike; a conflict (a lost race among them) is 409.</summary>
    [Theory]
    [InlineData("Validation", 400)]
    [InlineData("Unauthorized", 401)]
    [InlineData("Forbidden", 403)]
    [InlineData("NotFound", 404)]
    [InlineData("Conflict", 409)]
    [InlineData("Failure", 500)]
    public void The_status_table_answers_each_kind_with_its_status(string kind, int status)
    {
        var table = Layers.Web.GetType(Common + ".ResultStatus", throwOnError: true)!;
        var of = table.GetMethod("Of")!;

        of.Invoke(null, [Enum.Parse<Application.Common.Results.ErrorKind>(kind)]).ShouldBe(status);
    }

    /// <summary>
    /// <c>ErrorKind.X =&gt; StatusCodes.Status...</c>, <c>ErrorKind.X ? 404</c>, <c>case ErrorKind.X: ... 404</c> on one line.
    /// </summary>
    [GeneratedRegex(@"\bErrorKind\.\w+\b.*?(=>|\?|:|==).*?(\bStatusCodes\.Status\d|\bHttpStatusCode\.|\b[1-5]\d\d\b)")]
    private static partial Regex KindToStatus();

    [GeneratedRegex(@"(\bStatusCodes\.Status\d+\w*|\bHttpStatusCode\.\w+|\b[1-5]\d\d\b)\s*(=>|\?|:|==).*\bErrorKind\.\w+")]
    private static partial Regex StatusToKind();
}
