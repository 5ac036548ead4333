using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Web.Security;
using Natero.Connectors.Web.Security.Sso;

namespace Natero.Connectors.Web.FunctionalTests.Sso;

/// <summary>Settings that would weaken single sign-on stop the app at start-up, with a message naming the key.</summary>
public sealed class OidcConfigurationTests
{
    [Theory]
    [InlineData("http://idp.example.com", "true", "Authority must use https")]
    [InlineData("http://127.0.0.1:5601", "false", "Authority must use https")]
    [InlineData("not a url", "false", "Authority must be the provider's absolute issuer URL")]
    public void An_authority_that_is_not_https_nor_allowed_loopback_http_is_refused_at_start_up(
        string authority,
        string allowLoopbackHttp,
        string message
    )
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(
                new Dictionary<string, string?>
                {
                    ["Authentication:Oidc:Providers:corp:Authority"] = authority,
                    ["Authentication:Oidc:Providers:corp:ClientId"] = "client",
                    ["Authentication:Oidc:Providers:corp:ClientSecret"] = "secret-value-1",
                    ["Authentication:Oidc:AllowLoopbackHttp"] = allowLoopbackHttp,
                }
            )
            .Build();

        var failure = Should.Throw<InvalidOperationException>(() =>
            new ServiceCollection().AddAuthentication().AddNateroOidc(configuration, new NateroCookiePolicy(true))
        );

        failure.Message.ShouldContain($"Authentication:Oidc:Providers:corp:{message}");
        failure.Message.ShouldNotContain("secret-value-1");
    }

    [Fact]
    public void A_provider_without_a_client_secret_or_the_email_scope_is_refused()
    {
        var options = new OidcOptions
        {
            Providers =
            {
                ["corp"] = new OidcProviderOptions
                {
                    Authority = "https://idp.example.com",
                    ClientId = "client",
                    Scopes = "openid profile",
                },
            },
        };

        var problems = options.Problems();

        problems.ShouldContain(p => p.Contains("corp:ClientSecret is required", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("corp:Scopes must include openid and email", StringComparison.Ordinal));
    }

    [Fact]
    public void Https_and_allowed_loopback_http_are_accepted()
    {
        var options = new OidcOptions
        {
            AllowLoopbackHttp = true,
            Providers =
            {
                ["corp"] = new OidcProviderOptions
                {
                    Authority = "https://idp.example.com/tenant",
                    ClientId = "c",
                    ClientSecret = "s",
                    EmailDomains = ["Corp.Example"],
                },
                ["local"] = new OidcProviderOptions
                {
                    Authority = "http://127.0.0.2:5601",
                    ClientId = "c",
                    ClientSecret = "s",
                },
            },
        };

        options.Problems().ShouldBeEmpty();
    }
}
