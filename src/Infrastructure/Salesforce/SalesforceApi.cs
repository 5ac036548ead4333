using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Connections.AccessTokens;

namespace Natero.Connectors.Infrastructure.Salesforce;

/// <summary>
/// The host app's Salesforce calls, behind the same resilience pipeline as <see cref="SalesforceClient"/>:
/// a timeout, an open circuit or a network failure comes back as a failed result, not an exception.
/// </summary>
internal sealed class SalesforceApi(HttpClient http, IConnectionAccessTokens tokens, IOptions<SalesforceOptions> options) : ISalesforceApi
{
    public async Task<Result<HttpResponseMessage>> SendAsync(
        Guid tenantId,
        Guid connectionId,
        Func<Uri, HttpRequestMessage> createRequest,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(createRequest);
        var token = await tokens.GetAsync(tenantId, connectionId, cancellationToken);
        if (!token.IsSuccess)
        {
            return token.Error!;
        }

        var sent = await SendWithAsync(token.Value, createRequest, cancellationToken);
        if (!sent.IsSuccess)
        {
            return sent.Error!;
        }

        var response = sent.Value;
        if (!await IsExpiredSessionAsync(response, cancellationToken))
        {
            return response;
        }

        response.Dispose();
        var refreshed = await tokens.RefreshAfterRejectionAsync(tenantId, connectionId, token.Value.AccessToken, cancellationToken);
        if (!refreshed.IsSuccess)
        {
            return refreshed.Error!;
        }

        return await SendWithAsync(refreshed.Value, createRequest, cancellationToken);
    }

    private async Task<Result<HttpResponseMessage>> SendWithAsync(
        ConnectionAccessToken token,
        Func<Uri, HttpRequestMessage> createRequest,
        CancellationToken cancellationToken
    )
    {
        using var request = createRequest(token.InstanceUrl);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (Exception ex)
            when (SalesforceFailures.Describe(ex, request.RequestUri?.Host ?? token.InstanceUrl.Host, options.Value, cancellationToken)
                    is { } failure
            )
        {
            return failure.Error;
        }
    }

    /// <summary>401 INVALID_SESSION_ID, except "not valid for use with the REST API", which a refresh cannot cure.</summary>
    private static async Task<bool> IsExpiredSessionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return false;
        }

        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var errors = JsonDocument.Parse(body);
            var first =
                errors.RootElement.ValueKind == JsonValueKind.Array && errors.RootElement.GetArrayLength() > 0
                    ? errors.RootElement[0]
                    : default;
            var code = first.ValueKind == JsonValueKind.Object && first.TryGetProperty("errorCode", out var c) ? c.GetString() : null;
            var message = first.ValueKind == JsonValueKind.Object && first.TryGetProperty("message", out var m) ? m.GetString() : null;
            return code == "INVALID_SESSION_ID"
                && message?.Contains("not valid for use with the REST API", StringComparison.OrdinalIgnoreCase) != true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
