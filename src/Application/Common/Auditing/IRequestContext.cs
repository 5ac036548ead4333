namespace Natero.Connectors.Application.Common.Auditing;

/// <summary>Where the current request came from, for the audit record.</summary>
public interface IRequestContext
{
    string? IpAddress { get; }
    string? UserAgent { get; }
    string? CorrelationId { get; }
}
