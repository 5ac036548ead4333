using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Connections.AccessTokens;
using Natero.Connectors.Application.Platform.TokenKeys;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Infrastructure.Revocations;
using Natero.Connectors.Tests.Shared;
using Natero.Connectors.Web.Composition;

namespace Natero.Connectors.Application.FunctionalTests.Lifecycle;

/// <summary>
/// Key rotation: a second app instance configured with a new active key (and the old one still listed)
/// reads the old ciphertexts, and RotateTokenKeysCommand re-encrypts every stored token under the new key.
/// </summary>
public sealed class TokenKeyRotationTests(ApplicationFixture app) : LifecycleTest(app)
{
    // 32 bytes: "test-key-for-natero-connectors-2".
    private const string SecondKey = "dGVzdC1rZXktZm9yLW5hdGVyby1jb25uZWN0b3JzLTI=";

    [Fact]
    public async Task Rotation_re_encrypts_every_token_under_the_new_key_and_they_still_work()
    {
        var acme = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        var sandbox = await ConnectFreshAsync(App.Salesforce.Demo.SandboxAdmin, "Sandbox");
        var before = await StoredTokensAsync(acme);
        (await ConnectionAsync(acme)).AccessTokenCiphertext.ShouldStartWith("v1.test1.");
        await using var rotated = BuildInstanceWithSecondKey();
        var rotatedTokens = rotated.GetRequiredService<IConnectionAccessTokens>();

        // Before the rotation, the new instance still reads what the old key encrypted.
        (await rotatedTokens.GetAsync(DemoTenantId, acme, CancellationToken.None)).Value.AccessToken.ShouldBe(before.AccessToken);

        var report = await SendAsync(rotated, new RotateTokenKeysCommand(), await App.UserAsync(TestUsers.PlatformAdmin));

        report.IsSuccess.ShouldBeTrue(report.Error?.Message);
        report.Value.ConnectionsReEncrypted.ShouldBe(2);
        report.Value.Unreadable.ShouldBe(0);
        foreach (var id in new[] { acme, sandbox })
        {
            var connection = await ConnectionAsync(id);
            connection.AccessTokenCiphertext.ShouldStartWith("v1.test2.");
            connection.RefreshTokenCiphertext.ShouldStartWith("v1.test2.");
            connection.Status.ShouldBe(ConnectionStatus.PendingConfiguration);
        }

        var fresh = await rotatedTokens.GetAsync(DemoTenantId, acme, CancellationToken.None);
        fresh.Value.AccessToken.ShouldBe(before.AccessToken);
        RefreshCalls.ShouldBe(0);

        // The refresh token, re-encrypted too, still refreshes.
        await AgeAccessTokenAsync(sandbox);
        var refreshed = await rotatedTokens.GetAsync(DemoTenantId, sandbox, CancellationToken.None);
        refreshed.IsSuccess.ShouldBeTrue(refreshed.Error?.Message);
        RefreshCalls.ShouldBe(1);
        (await ConnectionAsync(sandbox)).AccessTokenCiphertext.ShouldStartWith("v1.test2.");
        (await AuditEventsAsync("platform.token_keys_rotated")).ShouldHaveSingleItem().TenantId.ShouldBeNull();

        var again = await SendAsync(rotated, new RotateTokenKeysCommand(), await App.UserAsync(TestUsers.PlatformAdmin));

        again.Value.ConnectionsReEncrypted.ShouldBe(0);
    }

    [Fact]
    public async Task Rotation_re_encrypts_the_tokens_of_a_grant_waiting_to_be_revoked_and_the_new_instance_revokes_it()
    {
        var id = await ConnectAsync(App.Salesforce.Demo.Admin);
        var (_, replaced) = await StoredTokensAsync(id);
        (await Flow.ConnectAsync(Admin, App.Salesforce.Demo.Admin)).Value.Connected.ShouldBeTrue();
        await using var rotated = BuildInstanceWithSecondKey();

        var report = await SendAsync(rotated, new RotateTokenKeysCommand(), await App.UserAsync(TestUsers.PlatformAdmin));

        report.Value.RevocationsReEncrypted.ShouldBe(1);
        report.Value.Unreadable.ShouldBe(0);
        var waiting = await App.QueryDbAsync(db => db.GrantRevocations.IgnoreQueryFilters().AsNoTracking().SingleAsync());
        waiting.AccessTokenCiphertext.ShouldStartWith("v1.test2.");
        waiting.RefreshTokenCiphertext.ShouldStartWith("v1.test2.");
        (await rotated.GetRequiredService<GrantRevocationWorker>().RunOnceAsync(CancellationToken.None)).ShouldBe(1);
        App.Salesforce.IsTokenActive(replaced!).ShouldBeFalse();
    }

    [Fact]
    public async Task Only_a_platform_admin_may_rotate_the_keys()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        await using var rotated = BuildInstanceWithSecondKey();
        var auditor = await App.CreateUserAsync("auditor@natero.test", PlatformRoles.PlatformAuditor);

        (await SendAsync(rotated, new RotateTokenKeysCommand(), auditor)).Error!.Kind.ShouldBe(ErrorKind.Forbidden);
        (await SendAsync(rotated, new RotateTokenKeysCommand(), Admin)).Error!.Kind.ShouldBe(ErrorKind.Forbidden);
        (await SendAsync(rotated, new RotateTokenKeysCommand(), null)).Error!.Kind.ShouldBe(ErrorKind.Unauthorized);

        (await ConnectionAsync(id)).AccessTokenCiphertext.ShouldStartWith("v1.test1.");
    }

    /// <summary>The same use cases on the same database, configured as an instance deployed with a new active key.</summary>
    private ServiceProvider BuildInstanceWithSecondKey()
    {
        var configuration = new ConfigurationBuilder()
            .AddConfiguration(App.Services.GetRequiredService<IConfiguration>())
            .AddInMemoryCollection(
                new Dictionary<string, string?> { ["TokenEncryption:Keys:test2"] = SecondKey, ["TokenEncryption:ActiveKeyId"] = "test2" }
            )
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new TestHostEnvironment());
        services.AddLogging();
        services.AddSingleton<TimeProvider>(App.Clock);
        services.AddNateroCore(configuration);
        services.AddScoped<TestCurrentUser>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<TestCurrentUser>());
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private static async Task<Result<TokenKeyRotationReport>> SendAsync(
        IServiceProvider services,
        RotateTokenKeysCommand command,
        Actor? actor
    )
    {
        await using var scope = services.CreateAsyncScope();
        if (actor is not null)
        {
            scope.ServiceProvider.GetRequiredService<TestCurrentUser>().Become(actor);
        }

        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }
}
