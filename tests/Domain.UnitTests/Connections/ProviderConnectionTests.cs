using Natero.Connectors.Domain.Common;
using Natero.Connectors.Domain.Connections;
using static Natero.Connectors.Domain.UnitTests.Connections.ConnectionScenarios;

namespace Natero.Connectors.Domain.UnitTests.Connections;

public sealed class ProviderConnectionTests
{
    public static IEnumerable<TheoryDataRow<ConnectionStatus, ConnectionOperation, ConnectionStatus>> LegalMovesForVersion() =>
        ProviderConnectionStatusMoveTests.LegalMoves;

    [Fact]
    public void Pending_configuration_can_be_completed_and_becomes_active()
    {
        var clock = NewClock();
        var connection = Authorized(clock);

        connection.CompleteConfiguration(StaffUserId, "  Mapped accounts.  ", clock.GetUtcNow());

        connection.Status.ShouldBe(ConnectionStatus.Active);
        connection.IsConfigurationComplete.ShouldBeTrue();
        connection.ConfigurationCompletedByUserId.ShouldBe(StaffUserId);
        connection.ConfigurationCompletedAt.ShouldBe(clock.GetUtcNow());
        connection.ConfigurationNote.ShouldBe("Mapped accounts.");
    }

    [Theory]
    [InlineData(ConnectionStatus.PendingConfiguration)]
    [InlineData(ConnectionStatus.Active)]
    [InlineData(ConnectionStatus.ApiAccessDisabled)]
    [InlineData(ConnectionStatus.NeedsReauthorization)]
    public void Resume_returns_to_the_status_before_suspension(ConnectionStatus before)
    {
        var clock = NewClock();
        var connection = In(before, clock);
        connection.Suspend(clock.GetUtcNow());
        connection.SuspendedAt.ShouldNotBeNull();

        connection.Resume();

        connection.Status.ShouldBe(before);
        connection.StatusBeforeSuspension.ShouldBeNull();
        connection.SuspendedAt.ShouldBeNull();
    }

    [Fact]
    public void Verifying_after_api_access_returns_makes_a_configured_connection_active_and_clears_the_error()
    {
        var clock = NewClock();
        var connection = In(ConnectionStatus.ApiAccessDisabled, clock);
        connection.LastErrorCode.ShouldBe("API_DISABLED_FOR_ORG");

        clock.Advance(TimeSpan.FromMinutes(30));
        connection.MarkVerified(clock.GetUtcNow());

        connection.Status.ShouldBe(ConnectionStatus.Active);
        connection.LastVerifiedAt.ShouldBe(clock.GetUtcNow());
        connection.LastErrorCode.ShouldBeNull();
        connection.LastErrorMessage.ShouldBeNull();
        connection.LastErrorAt.ShouldBeNull();
    }

    [Fact]
    public void Verifying_after_api_access_returns_puts_an_unconfigured_connection_back_to_pending_configuration()
    {
        var clock = NewClock();
        var connection = Authorized(clock);
        connection.MarkApiAccessDisabled(Error("API_DISABLED_FOR_ORG"), clock.GetUtcNow());

        connection.MarkVerified(clock.GetUtcNow());

        connection.Status.ShouldBe(ConnectionStatus.PendingConfiguration);
        connection.IsConfigurationComplete.ShouldBeFalse();
    }

    [Fact]
    public void Marking_api_access_disabled_records_the_error_and_the_verification_time()
    {
        var clock = NewClock();
        var connection = In(ConnectionStatus.Active, clock);

        connection.MarkApiAccessDisabled(
            new ConnectionError("API_DISABLED_FOR_ORG", "API is not enabled for this Organization or Partner"),
            clock.GetUtcNow()
        );

        connection.LastErrorCode.ShouldBe("API_DISABLED_FOR_ORG");
        connection.LastErrorMessage.ShouldBe("API is not enabled for this Organization or Partner");
        connection.LastErrorAt.ShouldBe(clock.GetUtcNow());
        connection.LastVerifiedAt.ShouldBe(clock.GetUtcNow());
    }

    [Fact]
    public void Needing_reauthorization_records_the_refusal_and_reauthorizing_clears_it()
    {
        var clock = NewClock();
        var connection = In(ConnectionStatus.Active, clock);

        connection.MarkNeedsReauthorization(new ConnectionError("invalid_grant", "expired access/refresh token"), clock.GetUtcNow());
        connection.RefreshFailureCount.ShouldBe(1);
        connection.LastErrorCode.ShouldBe("invalid_grant");

        connection.Apply(ConnectionOperation.Reauthorize, clock);

        connection.RefreshFailureCount.ShouldBe(0);
        connection.LastErrorCode.ShouldBeNull();
    }

    [Fact]
    public void Refresh_stores_the_rotated_tokens_and_the_time()
    {
        var clock = NewClock();
        var connection = In(ConnectionStatus.Active, clock);

        clock.Advance(TimeSpan.FromMinutes(1));
        connection.RecordRefresh(Tokens("rotated"), clock.GetUtcNow());

        connection.LastRefreshedAt.ShouldBe(clock.GetUtcNow());
        connection.AccessTokenCiphertext.ShouldBe("k1:access-rotated");
        connection.RefreshTokenCiphertext.ShouldBe("k1:refresh-rotated");
    }

    [Fact]
    public void A_refresh_without_a_rotated_refresh_token_keeps_the_stored_one()
    {
        var connection = In(ConnectionStatus.Active);

        connection.StoreTokens(new ProtectedTokens("k1:access-new", RefreshToken: null));

        connection.AccessTokenCiphertext.ShouldBe("k1:access-new");
        connection.RefreshTokenCiphertext.ShouldBe("k1:refresh-1");
    }

    [Fact]
    public void S19_disconnecting_a_suspended_connection_erases_its_tokens_and_it_stays_suspended_until_resumed()
    {
        var clock = NewClock();
        var connection = In(ConnectionStatus.Active, clock);
        connection.Suspend(clock.GetUtcNow(), "Unpaid invoice.");

        connection.Disconnect(clock.GetUtcNow());

        connection.Status.ShouldBe(ConnectionStatus.Suspended);
        connection.SuspensionReason.ShouldBe("Unpaid invoice.");
        connection.HasTokens.ShouldBeFalse();
        connection.RefreshTokenCiphertext.ShouldBeNull();
        connection.DisconnectedAt.ShouldBe(clock.GetUtcNow());
        Should.Throw<IllegalStatusTransitionException>(() =>
            connection.Reauthorize(
                new SignInSite(connection.Environment, null),
                new ProviderAccount(OrgId, "005x", "admin@acme.example", null, new Uri(connection.InstanceUrl)),
                "api",
                Guid.NewGuid(),
                null,
                clock.GetUtcNow()
            )
        );

        connection.Resume();

        connection.Status.ShouldBe(ConnectionStatus.Disconnected);
        connection.SuspensionReason.ShouldBeNull();
        connection.SuspendedAt.ShouldBeNull();
    }

    [Theory]
    [InlineData(ConnectionStatus.PendingConfiguration)]
    [InlineData(ConnectionStatus.Active)]
    [InlineData(ConnectionStatus.ApiAccessDisabled)]
    [InlineData(ConnectionStatus.NeedsReauthorization)]
    public void Disconnect_erases_both_tokens_and_keeps_the_record(ConnectionStatus from)
    {
        var clock = NewClock();
        var connection = In(from, clock);
        connection.HasTokens.ShouldBeTrue();

        connection.Disconnect(clock.GetUtcNow());

        connection.Status.ShouldBe(ConnectionStatus.Disconnected);
        connection.AccessTokenCiphertext.ShouldBeNull();
        connection.RefreshTokenCiphertext.ShouldBeNull();
        connection.HasTokens.ShouldBeFalse();
        connection.DisconnectedAt.ShouldBe(clock.GetUtcNow());
        connection.StatusBeforeSuspension.ShouldBeNull();
        connection.SuspendedAt.ShouldBeNull();
        connection.ExternalOrgId.ShouldBe(OrgId);
    }

    [Fact]
    public void Reauthorizing_by_the_same_org_updates_the_same_connection()
    {
        var clock = NewClock();
        var connection = In(ConnectionStatus.NeedsReauthorization, clock);
        var id = connection.Id;
        var otherAdmin = Guid.CreateVersion7();

        clock.Advance(TimeSpan.FromDays(1));
        connection.Reauthorize(
            new SignInSite("Production", null),
            Account(username: "grace@example.com"),
            " api refresh_token ",
            otherAdmin,
            "Grace Admin",
            clock.GetUtcNow()
        );

        connection.Id.ShouldBe(id);
        connection.Status.ShouldBe(ConnectionStatus.Active);
        connection.Username.ShouldBe("grace@example.com");
        connection.GrantedScopes.ShouldBe("api refresh_token");
        connection.AuthorizedByUserId.ShouldBe(otherAdmin);
        connection.AuthorizedByName.ShouldBe("Grace Admin");
        connection.AuthorizedAt.ShouldBe(clock.GetUtcNow());
        connection.LastErrorCode.ShouldBeNull();
    }

    [Fact]
    public void Reauthorizing_a_disconnected_connection_reconnects_it()
    {
        var clock = NewClock();
        var connection = In(ConnectionStatus.Disconnected, clock);

        connection.Apply(ConnectionOperation.Reauthorize, clock);
        connection.StoreTokens(Tokens("again"));

        connection.Status.ShouldBe(ConnectionStatus.Active);
        connection.DisconnectedAt.ShouldBeNull();
        connection.HasTokens.ShouldBeTrue();
    }

    [Fact]
    public void Reauthorizing_with_a_different_org_throws_and_changes_nothing()
    {
        var clock = NewClock();
        var connection = In(ConnectionStatus.NeedsReauthorization, clock);
        var versionBefore = connection.Version;

        Should.Throw<DomainException>(() =>
            connection.Reauthorize(
                new SignInSite("Production", null),
                Account(orgId: "00D000000000002EAA"),
                "api",
                AdminUserId,
                "Ada Admin",
                clock.GetUtcNow()
            )
        );

        connection.ExternalOrgId.ShouldBe(OrgId);
        connection.Status.ShouldBe(ConnectionStatus.NeedsReauthorization);
        connection.Version.ShouldBe(versionBefore);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_sign_in_site_needs_an_environment(string? environment) =>
        Should.Throw<DomainException>(() => new SignInSite(environment!, "acme.my.salesforce.com"));

    [Fact]
    public void The_sign_in_host_is_kept_as_the_provider_normalised_it_and_a_blank_one_is_none()
    {
        var clock = NewClock();

        var myDomain = ProviderConnection.Authorize(
            Guid.CreateVersion7(),
            TenantId,
            "salesforce",
            new SignInSite("MyDomain", " https://acme.my.salesforce.com "),
            Account(),
            "api",
            AdminUserId,
            null,
            clock.GetUtcNow()
        );
        var production = ProviderConnection.Authorize(
            Guid.CreateVersion7(),
            TenantId,
            "salesforce",
            new SignInSite("Production", "  "),
            Account(),
            "api",
            AdminUserId,
            null,
            clock.GetUtcNow()
        );

        myDomain.SignInHost.ShouldBe("https://acme.my.salesforce.com");
        myDomain.Site.ShouldBe(new SignInSite("MyDomain", "https://acme.my.salesforce.com"));
        production.SignInHost.ShouldBeNull();
    }

    [Fact]
    public void A_sign_in_host_longer_than_a_DNS_name_is_refused() =>
        Should.Throw<DomainException>(() => new SignInSite("MyDomain", new string('a', SignInSite.HostMaxLength + 1)));

    [Theory]
    [MemberData(nameof(LegalMovesForVersion))]
    public void Every_legal_move_increases_Version(ConnectionStatus from, ConnectionOperation operation, ConnectionStatus to)
    {
        var clock = NewClock();
        var connection = In(from, clock);
        var versionBefore = connection.Version;

        connection.Apply(operation, clock);

        connection.Status.ShouldBe(to);
        connection.Version.ShouldBeGreaterThan(versionBefore);
    }

    [Fact]
    public void Recording_an_error_increases_Version()
    {
        var clock = NewClock();
        var connection = In(ConnectionStatus.Active, clock);
        var versionBefore = connection.Version;

        connection.RecordError(Error("UNKNOWN_EXCEPTION"), clock.GetUtcNow());

        connection.Version.ShouldBeGreaterThan(versionBefore);
        connection.LastErrorCode.ShouldBe("UNKNOWN_EXCEPTION");
    }

    [Fact]
    public void Completing_configuration_without_a_user_throws_and_changes_nothing()
    {
        var clock = NewClock();
        var connection = Authorized(clock);
        var versionBefore = connection.Version;

        Should.Throw<DomainException>(() => connection.CompleteConfiguration(Guid.Empty, null, clock.GetUtcNow()));

        connection.Status.ShouldBe(ConnectionStatus.PendingConfiguration);
        connection.Version.ShouldBe(versionBefore);
    }

    [Fact]
    public void Reauthorizing_without_a_user_throws_and_changes_nothing()
    {
        var clock = NewClock();
        var connection = In(ConnectionStatus.Active, clock);
        var versionBefore = connection.Version;

        Should.Throw<DomainException>(() =>
            connection.Reauthorize(
                new SignInSite("Sandbox", null),
                Account(username: "grace@example.com"),
                "api",
                Guid.Empty,
                null,
                clock.GetUtcNow()
            )
        );

        connection.Environment.ShouldBe("Production");
        connection.Username.ShouldBe("ada@example.com");
        connection.Version.ShouldBe(versionBefore);
    }
}
