using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Natero.Connectors.IdentityProviderEmulator;

/// <summary>The endpoints OpenIddict passes through to the emulator: the login step and userinfo.</summary>
internal static class AuthorizationEndpoints
{
    private const string Scheme = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;

    public static void Map(WebApplication app)
    {
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], Authorize);
        app.MapMethods("/connect/userinfo", [HttpMethods.Get, HttpMethods.Post], UserInfo);
    }

    private static IResult Authorize(HttpContext http, EmulatorDirectory directory)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("OpenIddict did not pass an authorization request through.");
        var parameters = request.GetParameters().Select(p => new KeyValuePair<string, string?>(p.Key, (string?)p.Value)).ToList();
        var email = (string?)request[LoginPage.EmailField];
        if (!HttpMethods.IsPost(http.Request.Method) || email is null)
        {
            return LoginPage.Render(parameters, null, directory.Users);
        }

        if (directory.Authenticate(email, (string?)request[LoginPage.PasswordField]) is not { } user)
        {
            return LoginPage.Render(parameters, "The email or password is not right.", directory.Users);
        }

        var identity = new ClaimsIdentity(Scheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, user.Subject));
        identity.AddClaim(new Claim(Claims.Email, user.Email));
        identity.AddClaim(new Claim(Claims.EmailVerified, user.EmailVerified ? "true" : "false", ClaimValueTypes.Boolean));
        identity.AddClaim(new Claim(Claims.Name, user.Name));
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(claim =>
            claim.Type switch
            {
                Claims.Email or Claims.EmailVerified when request.HasScope(Scopes.Email) =>
                [
                    Destinations.AccessToken,
                    Destinations.IdentityToken,
                ],
                Claims.Name when request.HasScope(Scopes.Profile) => [Destinations.AccessToken, Destinations.IdentityToken],
                _ => [Destinations.AccessToken],
            }
        );
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: Scheme);
    }

    private static async Task<IResult> UserInfo(HttpContext http, EmulatorDirectory directory)
    {
        var principal = (await http.AuthenticateAsync(Scheme)).Principal;
        if (principal is null || directory.FindBySubject(principal.GetClaim(Claims.Subject)) is not { } user)
        {
            return Results.Challenge(
                new AuthenticationProperties(
                    new Dictionary<string, string?>
                    {
                        [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidToken,
                        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The access token names no known user.",
                    }
                ),
                [Scheme]
            );
        }

        var claims = new Dictionary<string, object> { [Claims.Subject] = user.Subject };
        if (principal.HasScope(Scopes.Email))
        {
            claims[Claims.Email] = user.Email;
            claims[Claims.EmailVerified] = user.EmailVerified;
        }

        if (principal.HasScope(Scopes.Profile))
        {
            claims[Claims.Name] = user.Name;
        }

        return Results.Json(claims);
    }
}
