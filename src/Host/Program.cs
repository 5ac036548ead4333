using Natero.Connectors.Web.Composition;

// Natero Connectors on its own: the plugin's own users and sign-in pages, mounted at the root of the site.
// An application that mounts the plugin under a path of its own: samples/HostWithOwnUsers.
var builder = WebApplication.CreateBuilder(args);
builder.AddNateroConnectors();

var app = builder.Build();
if (await app.RunNateroCommandAsync(args))
{
    return;
}

// What a whole site needs and a plugin leaves to its host: proxy headers, the error pages, HSTS.
app.UseNateroStandaloneHost();
app.MapNateroConnectors();
app.Run();

/// <summary>Visible to the functional tests' WebApplicationFactory.</summary>
public partial class Program;
