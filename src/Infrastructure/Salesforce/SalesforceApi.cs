using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Natero.Connectors.Application.Common.Providers.Salesforce;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Connections.AccessTokens;

namespace Natero.Connectors.Infrastructure.Salesforce;

internal sealed class SalesforceApi(HttpClient http, IConnectionAccessTokens tokens) : ISalesforceApi
{
    public async Task<Result<HttpResponseMessage>> SendAsync(Guid tenantId, Guid connectionId, Func<Uri, HttpRequestMessage> createRequest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(createRequest);
        var token = await tokens.GetAsync(tenantId, connectionId, cancellationToken);
        if (!token.IsSuccess)
        {
            return token.Error!;
        }

        var response = await SendWithAsync(token.Value, createRequest, cancellationToken);
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

    private async Task<HttpResponseMessage> SendWithAsync(ConnectionAccessToken token, Func<Uri, HttpRequestMessage> createRequest, CancellationToken cancellationToken)
    {
        using var request = createRequest(token.InstanceUrl);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return await http.SendAsync(request, cancellationToken);
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
            var first = errors.RootElement.ValueKind == JsonValueKind.Array && errors.RootElement.GetArrayLength() > 0 ? errors.RootElement[0] : default;
            var code = first.ValueKind == JsonValueKind.Object && first.TryGetProperty("errorCode", out var c) ? c.GetString() : null;
            var message = first.ValueKind == JsonValueKind.Object && first.TryGetProperty("message", out var m) ? m.GetString() : null;
            return code == "INVALID_SESSION_ID" && message?.Contains("not valid for use with the REST API", StringComparison.OrdinalIgnoreCase) != true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
