namespace Natero.Connectors.Infrastructure.Audit;

/// <summary>The archive could not run; nothing was removed.</summary>
public sealed class AuditArchiveException(string message, Exception? inner = null) : Exception(message, inner);
