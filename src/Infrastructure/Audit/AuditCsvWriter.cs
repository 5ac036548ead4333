using Natero.Connectors.Application.Audit;

namespace Natero.Connectors.Infrastructure.Audit;

/// <summary>The <see cref="IAuditCsvWriter"/> port over <see cref="AuditCsv"/>.</summary>
internal sealed class AuditCsvWriter : IAuditCsvWriter
{
    public Task<long> WriteAsync(Stream destination, IAsyncEnumerable<AuditEventDto> events, CancellationToken cancellationToken) =>
        AuditCsv.WriteAsync(destination, events, cancellationToken);
}
