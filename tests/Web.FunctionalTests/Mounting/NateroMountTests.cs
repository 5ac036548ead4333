using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Natero.Connectors.Web.Common;
using Natero.Connectors.Web.Composition;

namespace Natero.Connectors.Web.FunctionalTests.Mounting;

/// <summary>The prefix is a plain path, and moving it once the routes were built from it is refused.</summary>
public sealed class NateroMountTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("/", "")]
    [InlineData("/admin/connectors", "/admin/connectors")]
    [InlineData("/admin/connectors/", "/admin/connectors")]
    [InlineData(" /natero ", "/natero")]
    public void A_prefix_is_normalised(string? given, string expected) => NateroMount.Normalize(given).ShouldBe(expected);

    [Theory]
    [InlineData("admin")]
    [InlineData("//evil.example")]
    [InlineData("/admin/{tenant}")]
    [InlineData("/admin?x=1")]
    [InlineData("/ad min")]
    public void A_prefix_that_is_not_a_plain_path_is_refused_with_an_example(string given) =>
        Should.Throw<ArgumentException>(() => NateroMount.Normalize(given)).Message.ShouldContain("/admin/connectors");

    [Fact]
    public void Paths_inside_the_plugin_get_the_prefix_in_front()
    {
        var mount = new NateroMount();
        mount.MountAt("/admin/connectors");

        mount.Path("/").ShouldBe("/admin/connectors");
        mount.Path("/t/acme").ShouldBe("/admin/connectors/t/acme");
        mount.CookiePath.ShouldBe("/admin/connectors");
        mount.Owns("/admin/connectors/t/acme").ShouldBeTrue();
        mount.Owns("/admin/connectors").ShouldBeTrue();
        mount.Owns("/admin/connectorsx").ShouldBeFalse();
        mount.Owns("/t/acme").ShouldBeFalse();
    }

    [Fact]
    public void At_the_root_everything_is_the_plugins()
    {
        var mount = new NateroMount();

        mount.Path("/t/acme").ShouldBe("/t/acme");
        mount.CookiePath.ShouldBe("/");
        mount.Owns("/anything").ShouldBeTrue();
    }

    [Fact]
    public void Once_read_the_prefix_cannot_move()
    {
        var mount = new NateroMount();
        _ = mount.Prefix;

        mount.MountAt("/");
        Should.Throw<InvalidOperationException>(() => mount.MountAt("/admin/connectors")).Message.ShouldContain("MapRazorPages");
    }

    [Fact]
    public async Task A_host_that_builds_its_pages_before_mounting_the_plugin_is_told_how_to_fix_it()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.AddNateroConnectors();
        await using var app = builder.Build();
        app.MapRazorPages();

        Should.Throw<InvalidOperationException>(() => app.MapNateroConnectors("/admin/connectors")).Message.ShouldContain("PathPrefix");
    }
}
