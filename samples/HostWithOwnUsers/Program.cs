using HostWithOwnUsers;
using Microsoft.AspNetCore.Authentication.Cookies;
using Natero.Connectors.Web.Composition;

var builder = WebApplication.CreateBuilder(args);

// The application's own sign-in: a cookie, and a sign-in page over its own users (SampleUsers).
builder
    .Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(options =>
    {
        options.LoginPath = "/login";
        options.Cookie.Name = "acme-analytics";
    });
builder.Services.AddAuthorization();
builder.Services.AddRazorPages();
builder.Services.AddSingleton<SampleUsers>();

// Natero Connectors under /admin/connectors, signed in by the application (option B), inside its layout.
builder.AddNateroConnectors(options =>
{
    options.HostAuthenticationScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    options.Layout = "_HostLayout";
});

var app = builder.Build();
app.UseExceptionHandler("/error");
app.UseStatusCodePagesWithReExecute("/error", "?status={0}");
app.MapNateroConnectors("/admin/connectors");
app.MapRazorPages();
app.Run();
