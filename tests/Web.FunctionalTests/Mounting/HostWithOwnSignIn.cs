using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Web.Composition;

namespace Natero.Connectors.Web.FunctionalTests.Mounting;

/// <summary>
/// Option B: a host that signs people in itself (its own cookie and sign-in endpoint, which trusts whatever the
/// test posts) and mounts the plugin under <see cref="MountedHost.Prefix"/> with its scheme. Host role
/// <see cref="StaffRole"/> makes someone a Natero platform admin.
/// </summary>
public sealed class HostWithOwnSignIn : MountedHost
{
    public const string Scheme = "HostCookies";
    public const string StaffRole = "natero-staff";

    protected override string DatabaseName => "hostusers";

    protected override void Configure(WebApplicationBuilder builder)
    {
        builder.Configuration.AddInMemoryCollection([new($"HostAuthentication:PlatformAdminRoles:0", StaffRole)]);
        builder
            .Services.AddAuthentication(Scheme)
            .AddCookie(Scheme, options =>
            {
                options.LoginPath = "/login";
                options.Cookie.Name = "host-session";
            });
        builder.Services.AddAuthorization();
        builder.AddNateroConnectors(o =>
        {
            o.PathPrefix = Prefix;
            o.HostAuthenticationScheme = Scheme;
        });
    }

    protected override void Map(WebApplication app)
    {
        app.MapPost("/login", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            var claims = new List<Claim> { new("sub", form["sub"]!), new("email", form["email"]!), new("name", form["name"]!) };
            claims.AddRange(form["role"].Select(role => new Claim(ClaimTypes.Role, role!)));
            await context.SignInAsync(Scheme, new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, "name", ClaimTypes.Role)));
            return Results.Ok();
        });
        app.MapNateroConnectors();
    }
}
