using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using static OpenIddict.Server.OpenIddictServerEvents;
using Claims = OpenIddict.Abstractions.OpenIddictConstants.Claims;
using Errors = OpenIddict.Abstractions.OpenIddictConstants.Errors;
using Scopes = OpenIddict.Abstractions.OpenIddictConstants.Scopes;

namespace Natero.Connectors.IdentityProviderEmulator;

/// <summary>
/// A running OpenID Connect provider (OpenIddict's server) on a loopback address over http: discovery, JWKS,
/// authorization (code flow, PKCE required) with a login page, token and userinfo endpoints. Start it with
/// <see cref="StartAsync"/>; it comes seeded with <see cref="DemoData"/>'s client and people.
/// </summary>
public sealed class IdentityProviderEmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RSA _signingKey;
    private readonly IdTokenTampering _tampering;

    private IdentityProviderEmulatorHost(WebApplication app, RSA signingKey, IdTokenTampering tampering)
    {
        _app = app;
        _signingKey = signingKey;
        _tampering = tampering;
        Client = app.Services.GetRequiredService<RegisteredClient>();
        Users = app.Services.GetRequiredService<EmulatorDirectory>();
        Faults = app.Services.GetRequiredService<EmulatorFaults>();
        IssuedTokens = app.Services.GetRequiredService<IssuedTokens>();
        var address = new Uri(app.Urls.First());
        Authority = new Uri($"http://{IPAddress.Loopback}:{address.Port}/");
    }

    /// <summary>The issuer, and where <c>/.well-known/openid-configuration</c> is found.</summary>
    public Uri Authority { get; }

    public RegisteredClient Client { get; }

    public EmulatorDirectory Users { get; }

    public EmulatorFaults Faults { get; }

    public IssuedTokens IssuedTokens { get; }

    public static async Task<IdentityProviderEmulatorHost> StartAsync(
        IdentityProviderEmulatorOptions? options = null,
        CancellationToken cancellationToken = default
    )
    {
        options ??= new IdentityProviderEmulatorOptions();
        var signingKey = RSA.Create(2048);
        var tampering = new IdTokenTampering(signingKey);
        var app = Build(options, signingKey, tampering);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            // Typically the fixed port is taken; nothing of this app may stay behind.
            await app.DisposeAsync();
            tampering.Dispose();
            signingKey.Dispose();
            throw;
        }

        return new IdentityProviderEmulatorHost(app, signingKey, tampering);
    }

    /// <summary>
    /// The settings that point the Natero app at this emulator as provider <paramref name="name"/>, keyed as
    /// configuration keys (<c>Authentication:Oidc:Providers:{name}:Authority</c>, ...).
    /// </summary>
    public IReadOnlyDictionary<string, string?> AppSettings(string name, string displayName, params string[] emailDomains)
    {
        var prefix = $"Authentication:Oidc:Providers:{name}:";
        var settings = new Dictionary<string, string?>
        {
            [prefix + "Authority"] = Authority.ToString().TrimEnd('/'),
            [prefix + "ClientId"] = Client.ClientId,
            [prefix + "ClientSecret"] = Client.ClientSecret,
            [prefix + "DisplayName"] = displayName,
            ["Authentication:Oidc:AllowLoopbackHttp"] = "true",
        };
        for (var i = 0; i < emailDomains.Length; i++)
        {
            settings[prefix + "EmailDomains:" + i.ToString(CultureInfo.InvariantCulture)] = emailDomains[i];
        }

        return settings;
    }

    /// <summary>Runs until Ctrl+C or SIGTERM.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _tampering.Dispose();
        _signingKey.Dispose();
    }

    private static WebApplication Build(IdentityProviderEmulatorOptions options, RSA signingKey, IdTokenTampering tampering)
    {
        var builder = WebApplication.CreateSlimBuilder(
            new WebApplicationOptions
            {
                ApplicationName = typeof(IdentityProviderEmulatorHost).Assembly.GetName().Name,
                ContentRootPath = AppContext.BaseDirectory,
            }
        );
        builder.Logging.ClearProviders();
        if (options.LogToConsole)
        {
            builder
                .Logging.AddSimpleConsole(console => console.SingleLine = true)
                .AddFilter("Microsoft", LogLevel.Warning)
                .AddFilter("OpenIddict", LogLevel.Warning)
                .AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error)
                .AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Information);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));

        var client = new RegisteredClient(DemoData.ClientId, DemoData.ClientSecret, options.RedirectUris);
        var directory = new EmulatorDirectory();
        DemoData.Seed(directory);
        var faults = new EmulatorFaults();
        var issued = new IssuedTokens();
        builder.Services.AddSingleton(client).AddSingleton(directory).AddSingleton(faults).AddSingleton(issued);

        builder
            .Services.AddOpenIddict()
            .AddServer(server =>
            {
                server
                    .SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetUserInfoEndpointUris("connect/userinfo");
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                server.RegisterScopes(Scopes.Email, Scopes.Profile);
                server.RegisterClaims(Claims.Email, Claims.EmailVerified, Claims.Name);

                // No database: codes are self-contained (encrypted with the ephemeral key) and the one client is
                // checked by the handlers below, which is what the degraded mode asks for.
                server.EnableDegradedMode();
                server.DisableTokenStorage();
                server.DisableAuthorizationStorage();
                server.AddSigningKey(
                    new RsaSecurityKey(signingKey)
                    {
                        KeyId = "emulator-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant(),
                    }
                );
                server.AddEphemeralEncryptionKey();
                server.DisableAccessTokenEncryption();
                server
                    .UseAspNetCore()
                    .DisableTransportSecurityRequirement()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough();

                server.AddEventHandler<ValidateAuthorizationRequestContext>(handler =>
                    handler.UseInlineHandler(context =>
                    {
                        if (!string.Equals(context.ClientId, client.ClientId, StringComparison.Ordinal))
                        {
                            context.Reject(Errors.InvalidClient, "The client is not registered.");
                        }
                        else if (!client.Allows(context.RedirectUri))
                        {
                            context.Reject(Errors.InvalidRequest, "The redirect_uri is not registered for this client.");
                        }

                        return default;
                    })
                );
                server.AddEventHandler<ValidateTokenRequestContext>(handler =>
                    handler.UseInlineHandler(context =>
                    {
                        if (
                            !string.Equals(context.ClientId, client.ClientId, StringComparison.Ordinal)
                            || context.ClientSecret is null
                            || !CryptographicOperations.FixedTimeEquals(
                                System.Text.Encoding.UTF8.GetBytes(context.ClientSecret),
                                System.Text.Encoding.UTF8.GetBytes(client.ClientSecret)
                            )
                        )
                        {
                            context.Reject(Errors.InvalidClient, "The client credentials are not right.");
                        }

                        return default;
                    })
                );

                // Before the response is written: a fault switched on rewrites the id_token (see IdTokenTampering).
                server.AddEventHandler<ApplyTokenResponseContext>(handler =>
                    handler
                        .UseInlineHandler(context =>
                        {
                            if (context.Response.IdToken is { } idToken && faults.IdToken != IdTokenFault.None)
                            {
                                context.Response.IdToken = tampering.Apply(idToken, faults.IdToken);
                            }

                            issued.Add(context.Response.AccessToken);
                            issued.Add(context.Response.IdToken);

                            return default;
                        })
                        .SetOrder(int.MinValue + 100_000)
                );
            });

        var app = builder.Build();
        app.UseRouting();
        app.UseAuthentication();
        app.MapGet("/", () =>
            Results.Content(
                "<!DOCTYPE html><title>Identity provider emulator</title><p>OpenID Connect provider emulator. "
                    + "Discovery: <a href=\"/.well-known/openid-configuration\">/.well-known/openid-configuration</a></p>",
                "text/html; charset=utf-8"
            )
        );
        AuthorizationEndpoints.Map(app);
        return app;
    }
}
