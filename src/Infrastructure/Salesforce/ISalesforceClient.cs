using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Infrastructure.Salesforce;

/// <summary>
/// Salesforce's HTTP endpoints, one call each, with Salesforce's answers turned into results. The
/// Salesforce provider adapter sits on top and decides what they mean for a connection.
/// </summary>
internal interface ISalesforceClient
{
    /// <summary>POST {login}/services/oauth2/token with grant_type=authorization_code; sent once, never retried.</summary>
    Task<Result<SalesforceToken>> ExchangeCodeAsync(Uri loginUrl, string code, string codeVerifier, CancellationToken cancellationToken);

    /// <summary>
    /// POST {login}/services/oauth2/token with grant_type=refresh_token; never retried (rotation would make a retry lose the new
    /// token).
    /// </summary>
    Task<Result<SalesforceToken>> RefreshAsync(Uri loginUrl, string refreshToken, CancellationToken cancellationToken);

    /// <summary>POST {login}/services/oauth2/revoke.</summary>
    Task<Result> RevokeAsync(Uri loginUrl, string token, CancellationToken cancellationToken);

    /// <summary>GET the identity URL with the access token.</summary>
    Task<Result<SalesforceIdentity>> GetIdentityAsync(Uri identityUrl, string accessToken, CancellationToken cancellationToken);

    /// <summary>An authenticated REST call that proves API access: GET {instance}/services/data/v{version}/.</summary>
    Task<SalesforceRestProbe> ProbeRestApiAsync(Uri instanceUrl, string accessToken, CancellationToken cancellationToken);

    /// <summary>
    /// The org's name and edition (SOQL on <c>Organization</c>) and its daily API requests (<c>/limits</c>); whatever
    /// could not be read stays unknown.
    /// </summary>
    Task<AccountReadiness> DescribeOrgAsync(Uri instanceUrl, string accessToken, CancellationToken cancellationToken);
}
