using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Common.Results;

namespace Natero.Connectors.Web.Api;

/// <summary>Request bodies. Fields are nullable so that a missing one is a validation error naming it, not a 500.</summary>
/// <param name="Environment">As the provider names it (GET /api/v1/providers); none for a provider with one place.</param>
/// <param name="Host">The host the person signs in at, where the provider has one per account; or:</param>
/// <param name="MyDomainHost">Salesforce's My Domain (the same as host).</param>
/// <param name="Subdomain">A Zendesk subdomain, acme or acme.zendesk.com (the same as host).</param>
public sealed record AuthorizationLinkRequest(
    string? Provider,
    string? Environment,
    string? MyDomainHost,
    string? ReturnUrl,
    string? Subdomain = null,
    string? Host = null
)
{
    public string? SignInHost => Host ?? MyDomainHost ?? Subdomain;

    /// <summary>
    /// A refusal of the host names the field the client sent it in (host, myDomainHost or subdomain), or, when it sent
    /// none, the field DESIGN names for what the provider needs: a subdomain, or an environment's host.
    /// </summary>
    public Result<T> NamedInTheRequest<T>(Result<T> result, SignInInput? needs)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sentAs =
            Host is not null ? nameof(Host)
            : MyDomainHost is not null ? nameof(MyDomainHost)
            : Subdomain is not null ? nameof(Subdomain)
            : needs == SignInInput.Subdomain ? nameof(Subdomain)
            : nameof(MyDomainHost);
        if (result.IsSuccess || result.Error!.Fields.GetValueOrDefault(nameof(Host)) is not { } messages)
        {
            return result;
        }

        var fields = result.Error.Fields.Where(f => f.Key != nameof(Host)).ToDictionary(f => f.Key, f => f.Value);
        fields[sentAs] = messages;
        return result.Error with { Fields = fields };
    }
}
