using Microsoft.Extensions.Time.Testing;
using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Domain.UnitTests.Connections;

/// <summary>Every operation that may move a connection's status.</summary>
public enum ConnectionOperation
{
    CompleteConfiguration,
    MarkApiAccessDisabled,
    MarkVerified,
    MarkNeedsReauthorization,
    Suspend,
    Resume,
    Disconnect,
    Reauthorize,
    RecordRefresh,
    StoreTokens,
}

/// <summary>Builds connections in a given status through legal moves only, and applies operations to them.</summary>
internal static class ConnectionScenarios
{
    public const string OrgId = "00D000000000001EAA";

    public static readonly Guid TenantId = Guid.Parse("0196a3b4-0000-7000-8000-000000000001");
    public static readonly Guid AdminUserId = Guid.Parse("0196a3b4-0000-7000-8000-000000000002");
    public static readonly Guid StaffUserId = Guid.Parse("0196a3b4-0000-7000-8000-000000000003");

    public static FakeTimeProvider NewClock() => new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    public static ProviderAccount Account(string orgId = OrgId, string username = "ada@example.com") =>
        new(orgId, "005000000000001AAA", username, "Ada Admin", new Uri("https://example.my.salesforce.com/"));

    public static ProtectedTokens Tokens(string suffix = "1") => new($"k1:access-{suffix}", $"k1:refresh-{suffix}");

    public static ConnectionError Error(string code = "INVALID_SESSION_ID") => new(code, "The session expired.");

    /// <summary>A freshly authorized connection that holds tokens: PendingConfiguration.</summary>
    public static ProviderConnection Authorized(FakeTimeProvider clock)
    {
        var connection = ProviderConnection.Authorize(
            Guid.CreateVersion7(clock.GetUtcNow()),
            TenantId,
            "salesforce",
            new SignInSite("Production", null),
            Account(),
            "api refresh_token id",
            AdminUserId,
            "Ada Admin",
            clock.GetUtcNow()
        );
        connection.StoreTokens(Tokens());
        return connection;
    }

    /// <summary>
    /// A connection in <paramref name="status"/>, reached through legal moves only. Every status except
    /// PendingConfiguration passes through Active, so the configuration is complete.
    /// </summary>
    public static ProviderConnection In(ConnectionStatus status, FakeTimeProvider? clock = null)
    {
        clock ??= NewClock();
        var connection = Authorized(clock);
        if (status == ConnectionStatus.PendingConfiguration)
        {
            return connection;
        }

        clock.Advance(TimeSpan.FromHours(1));
        connection.CompleteConfiguration(StaffUserId, "Mapped accounts and contacts.", clock.GetUtcNow());
        clock.Advance(TimeSpan.FromHours(1));
        switch (status)
        {
            case ConnectionStatus.Active:
                break;
            case ConnectionStatus.ApiAccessDisabled:
                connection.MarkApiAccessDisabled(Error("API_DISABLED_FOR_ORG"), clock.GetUtcNow());
                break;
            case ConnectionStatus.NeedsReauthorization:
                connection.MarkNeedsReauthorization(Error("invalid_grant"), clock.GetUtcNow());
                break;
            case ConnectionStatus.Suspended:
                connection.Suspend(clock.GetUtcNow());
                break;
            case ConnectionStatus.Disconnected:
                connection.Disconnect(clock.GetUtcNow());
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(status), status, null);
        }

        connection.Status.ShouldBe(status);
        return connection;
    }

    public static void Apply(this ProviderConnection connection, ConnectionOperation operation, FakeTimeProvider clock)
    {
        clock.Advance(TimeSpan.FromMinutes(5));
        var now = clock.GetUtcNow();
        switch (operation)
        {
            case ConnectionOperation.CompleteConfiguration:
                connection.CompleteConfiguration(StaffUserId, note: null, now);
                break;
            case ConnectionOperation.MarkApiAccessDisabled:
                connection.MarkApiAccessDisabled(Error("API_DISABLED_FOR_ORG"), now);
                break;
            case ConnectionOperation.MarkVerified:
                connection.MarkVerified(now);
                break;
            case ConnectionOperation.MarkNeedsReauthorization:
                connection.MarkNeedsReauthorization(Error("invalid_grant"), now);
                break;
            case ConnectionOperation.Suspend:
                connection.Suspend(now);
                break;
            case ConnectionOperation.Resume:
                connection.Resume();
                break;
            case ConnectionOperation.Disconnect:
                connection.Disconnect(now);
                break;
            case ConnectionOperation.Reauthorize:
                connection.Reauthorize(
                    new SignInSite("Production", null),
                    Account(),
                    "api refresh_token id",
                    AdminUserId,
                    "Ada Admin",
                    now
                );
                break;
            case ConnectionOperation.RecordRefresh:
                connection.RecordRefresh(Tokens("refreshed"), now);
                break;
            case ConnectionOperation.StoreTokens:
                connection.StoreTokens(Tokens("stored"));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, null);
        }
    }
}
