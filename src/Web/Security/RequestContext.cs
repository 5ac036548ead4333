using System.Diagnostics;
using Natero.Connectors.Application.Common.Auditing;

namespace Natero.Connectors.Web.Security;

/// <summary>
/// Where the current request came from. The remote address is the connection's own, or what the
/// forwarded-headers middleware accepted from a configured proxy, never a raw client header.
/// </summary>
internal sealed class RequestContext(IHttpContextAccessor accessor) : IRequestContext
{
    public string? IpAddress => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public string? UserAgent => accessor.HttpContext?.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null;

    public string? CorrelationId => Activity.Current?.TraceId.ToString() ?? accessor.HttpContext?.TraceIdentifier;
}
