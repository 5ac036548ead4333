using Natero.Connectors.Application.Common.Results;

namespace Natero.Connectors.Infrastructure.Salesforce;

/// <summary>
/// Salesforce's REST API for the host app, on one connection: attaches a valid access token, and on
/// 401 INVALID_SESSION_ID refreshes once and retries once. A second 401, or a session that is not
/// valid for the REST API (no <c>api</c> scope), is returned as it is: no loop.
/// </summary>
public interface ISalesforceApi
{
    /// <param name="createRequest">Builds the request from the connection's instance URL; called again for the retry.</param>
    Task<Result<HttpResponseMessage>> SendAsync(
        Guid tenantId,
        Guid connectionId,
        Func<Uri, HttpRequestMessage> createRequest,
        CancellationToken cancellationToken
    );
}
