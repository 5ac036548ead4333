using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Natero.Connectors.Domain.Audit;

/// <summary>
/// Audit events form one hash chain per tenant (and one for the platform): each event's hash covers a
/// canonical form of all its fields and the previous event's hash, so altering, removing or inserting
/// a row breaks the chain at that row.
/// </summary>
public static class AuditChain
{
    public const string PlatformKey = "platform";

    public static readonly string GenesisHash = new('0', 64);

    public static string KeyFor(Guid? tenantId) => tenantId is { } id ? id.ToString("N") : PlatformKey;

    public static string HashOf(AuditEvent e) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(e))));

    /// <summary>
    /// Every field, each written as its length and its text, so that no two different events share a
    /// form. Times are UTC milliseconds, the precision every supported database keeps.
    /// </summary>
    public static string Canonical(AuditEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var builder = new StringBuilder("natero-audit-v1");
        foreach (
            var field in new[]
            {
                e.ChainKey,
                e.Seq.ToString(CultureInfo.InvariantCulture),
                e.PrevHash,
                e.Id.ToString("N"),
                (e.OccurredAt.UtcTicks / TimeSpan.TicksPerMillisecond).ToString(CultureInfo.InvariantCulture),
                e.TenantId?.ToString("N"),
                e.ActorType.ToString(),
                e.ActorId,
                e.ActorName,
                e.Action,
                e.Target,
                e.Outcome.ToString(),
                e.Reason,
                e.IpAddress,
                e.UserAgent,
                e.CorrelationId,
                e.Data,
            }
        )
        {
            builder.Append('|');
            if (field is null)
            {
                builder.Append('-');
            }
            else
            {
                builder.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field);
            }
        }

        return builder.ToString();
    }
}
