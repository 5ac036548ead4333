using System.Xml.Linq;
using NetArchTest.Rules;

namespace Natero.Connectors.Architecture.Tests;

/// <summary>Dependencies point inwards only: Web -> Infrastructure -> Application -> Domain.</summary>
public sealed class LayerDependencyTests
{
    private static readonly string[] ForbiddenInDomain =
    [
        Layers.ApplicationNamespace,
        Layers.InfrastructureNamespace,
        Layers.WebNamespace,
        "Microsoft.EntityFrameworkCore",
        "Microsoft.AspNetCore",
        "Mediator",
    ];

    // Application may use EF Core's abstractions (DbSet, LINQ operators) but no database provider.
    private static readonly string[] ForbiddenInApplication =
    [
        Layers.InfrastructureNamespace,
        Layers.WebNamespace,
        "Microsoft.AspNetCore",
        "Npgsql",
        "Microsoft.Data.Sqlite",
        "Microsoft.EntityFrameworkCore.Sqlite",
    ];

    private static readonly string[] ProviderAssemblies =
    [
        "Microsoft.EntityFrameworkCore.Relational",
        "Microsoft.EntityFrameworkCore.Sqlite",
        "Microsoft.Data.Sqlite",
        "Npgsql",
        "Npgsql.EntityFrameworkCore.PostgreSQL",
    ];

    [Fact]
    public void Domain_depends_on_no_other_layer_and_no_framework()
    {
        // A Domain type that used EF Core ([Owned], DbSet, EF.Property...), ASP.NET Core or Mediator would
        // carry a type reference into that namespace in its IL, and this rule would name it.
        // Domain_rule_catches_a_framework_dependency_where_there_is_one shows the same rule failing on Infrastructure.
        Types
            .InAssembly(Layers.Domain)
            .ShouldNot()
            .HaveDependencyOnAny(ForbiddenInDomain)
            .GetResult()
            .ShouldPass("Domain must not depend on other layers, EF Core, ASP.NET Core or Mediator");
    }

    [Fact]
    public void Domain_rule_catches_a_framework_dependency_where_there_is_one()
    {
        Types
            .InAssembly(Layers.Infrastructure)
            .ShouldNot()
            .HaveDependencyOnAny(ForbiddenInDomain)
            .GetResult()
            .IsSuccessful.ShouldBeFalse("the rule must fail on an assembly that does use EF Core, or it proves nothing");
    }

    [Fact]
    public void Domain_project_references_no_package_and_no_project()
    {
        // Catches a reference before any code uses it: adding <PackageReference Include="Microsoft.EntityFrameworkCore" />
        // to Domain.csproj fails here even while the IL rule above still passes.
        var project = XDocument.Load(Path.Combine(Layers.Source.FullName, "Domain", "Domain.csproj"));
        var references = project
            .Descendants()
            .Where(e => e.Name.LocalName is "PackageReference" or "ProjectReference" or "FrameworkReference" or "Reference")
            .Select(e => (string?)e.Attribute("Include"))
            .ToList();

        references.ShouldBeEmpty();
    }

    [Fact]
    public void Domain_assembly_references_only_the_base_class_library()
    {
        var referenced = Layers.Domain.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        referenced.ShouldAllBe(name => name.StartsWith("System", StringComparison.Ordinal) || name == "netstandard");
    }

    [Fact]
    public void Application_depends_on_no_outer_layer_no_web_framework_and_no_database_provider()
    {
        Types
            .InAssembly(Layers.Application)
            .ShouldNot()
            .HaveDependencyOnAny(ForbiddenInApplication)
            .GetResult()
            .ShouldPass("Application must not depend on Infrastructure, Web, ASP.NET Core or a database provider");
    }

    [Fact]
    public void Application_assembly_references_no_database_provider()
    {
        // Relational and provider extensions (FromSql, UseSqlite...) live in the EF Core namespace itself,
        // so the namespace rule cannot see them; the assembly reference can.
        var referenced = Layers.Application.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        referenced.ShouldNotContain(name => ProviderAssemblies.Contains(name));
    }

    [Fact]
    public void Infrastructure_does_not_depend_on_Web()
    {
        Types
            .InAssembly(Layers.Infrastructure)
            .ShouldNot()
            .HaveDependencyOn(Layers.WebNamespace)
            .GetResult()
            .ShouldPass("Infrastructure must not depend on Web");
    }
}
