using Mediator;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Platform.TokenKeys;

/// <summary>The admin action for <see cref="TokenKeyRotation"/>.</summary>
[RequirePlatformRole(PlatformRoles.PlatformAdmin)]
[AuditAction("platform.token_keys_rotated", HandlerRecordsOutcome = true)]
public sealed record RotateTokenKeysCommand : ICommand<Result<TokenKeyRotationReport>>;

public sealed class RotateTokenKeysCommandHandler(TokenKeyRotation rotation, IAuditTrail audit, IApplicationDbContext db)
    : ICommandHandler<RotateTokenKeysCommand, Result<TokenKeyRotationReport>>
{
    public async ValueTask<Result<TokenKeyRotationReport>> Handle(RotateTokenKeysCommand command, CancellationToken cancellationToken)
    {
        var report = await rotation.RotateAsync(cancellationToken);
        audit.Record(
            "platform.token_keys_rotated",
            "token-keys",
            AuditOutcome.Success,
            null,
            tenantId: null,
            new Dictionary<string, string?>
            {
                ["connections"] = report.ConnectionsReEncrypted.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["revocations"] = report.RevocationsReEncrypted.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }
        );
        await db.SaveChangesAsync(cancellationToken);
        return report;
    }
}
