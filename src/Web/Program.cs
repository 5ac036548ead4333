using Natero.Connectors.Web.Composition;

var builder = WebApplication.CreateBuilder(args);
builder.AddNateroConnectors();

var app = builder.Build();
if (await app.RunNateroCommandAsync(args))
{
    return;
}

app.MapNateroConnectors();
app.Run();

/// <summary>Visible to the functional tests' WebApplicationFactory.</summary>
public partial class Program;
