using System.Reflection;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.ApiKeys.Commands.CreateApiKey;
using Natero.Connectors.Application.ApiKeys.Commands.RevokeApiKey;
using Natero.Connectors.Application.Audit.Commands.CreateAuditCheckpoints;
using Natero.Connectors.Application.Audit.Queries.ExportAuditEvents;
using Natero.Connectors.Application.Audit.Queries.GetAuditEvent;
using Natero.Connectors.Application.Audit.Queries.ListAuditCheckpoints;
using Natero.Connectors.Application.Audit.Queries.SearchAuditEvents;
using Natero.Connectors.Application.Audit.Queries.VerifyAuditChain;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Application.FunctionalTests.Lifecycle;
using Natero.Connectors.Application.Platform.Accounts.Commands.DisableAccount;
using Natero.Connectors.Application.Platform.Accounts.Commands.EnableAccount;
using Natero.Connectors.Application.Platform.Connections.Commands.CompleteConfiguration;
using Natero.Connectors.Application.Platform.Connections.Commands.ResumeConnection;
using Natero.Connectors.Application.Platform.Connections.Commands.SuspendConnection;
using Natero.Connectors.Application.Platform.TokenKeys;
using Natero.Connectors.Application.Tenants.Commands.CreateTenant;
using Natero.Connectors.Application.Webhooks.Commands.CreateWebhookEndpoint;
using Natero.Connectors.Application.Webhooks.Commands.DeleteWebhookEndpoint;
using Natero.Connectors.Application.Webhooks.Commands.ResendWebhookDelivery;
using Natero.Connectors.Application.Webhooks.Commands.RotateWebhookSecret;
using Natero.Connectors.Application.Webhooks.Commands.SendTestWebhook;
using Natero.Connectors.Application.Webhooks.Commands.UpdateWebhookEndpoint;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Audit;

/// <summary>A PlatformAuditor reads everything and changes nothing: every platform command is refused, and on record.</summary>
public sealed class AuditorCannotActTests(ApplicationFixture app) : LifecycleTest(app)
{
    private static readonly Assembly ApplicationAssembly = typeof(Natero.Connectors.Application.DependencyInjection).Assembly;

    private Actor _auditor = null!;
    private Guid _active;
    private Guid _suspended;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _auditor = await App.CreateUserAsync("auditor@natero.test", PlatformRoles.PlatformAuditor);
        _active = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        _suspended = await ConnectFreshAsync(App.Salesforce.Demo.SandboxAdmin, "Sandbox");
        (
            await App.SendAsync(new SuspendConnectionCommand(_suspended, "held"), await App.UserAsync(TestUsers.PlatformAdmin))
        ).IsSuccess.ShouldBeTrue();
    }

    [Fact]
    public void Every_platform_command_is_covered_here()
    {
        var platformCommands = ApplicationAssembly
            .GetTypes()
            .Where(t => typeof(IBaseCommand).IsAssignableFrom(t) && t.GetCustomAttribute<RequirePlatformRoleAttribute>() is not null)
            .Select(t => t.Name)
            .Order(StringComparer.Ordinal);

        platformCommands.ShouldBe(Commands().Select(c => c.GetType().Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void No_platform_command_lets_an_auditor_in()
    {
        ApplicationAssembly
            .GetTypes()
            .Where(t => typeof(IBaseCommand).IsAssignableFrom(t))
            .Select(t => (t.Name, Roles: t.GetCustomAttribute<RequirePlatformRoleAttribute>()?.Roles ?? []))
            .Where(c => c.Roles.Contains(PlatformRoles.PlatformAuditor))
            .ShouldBeEmpty();
    }

    [Fact]
    public async Task The_auditor_is_refused_every_platform_command_each_refusal_is_recorded_and_nothing_changes()
    {
        var before = await SnapshotAsync();
        var eventsBefore = await App.QueryDbAsync(db => db.AuditEvents.Select(e => e.Id).ToListAsync());

        foreach (var command in Commands())
        {
            var result = await SendAsync(command, _auditor);
            result.IsSuccess.ShouldBeFalse(command.GetType().Name);
            result.Error!.Kind.ShouldBe(ErrorKind.Forbidden, command.GetType().Name);
        }

        (await SnapshotAsync()).ShouldBe(before);
        var recorded = (await App.AllEventsAsync()).ExceptBy(eventsBefore, e => e.Id).ToList();
        recorded
            .Select(e => e.Action)
            .Order(StringComparer.Ordinal)
            .ShouldBe(Commands().Select(c => c.GetType().GetCustomAttribute<AuditActionAttribute>()!.Action).Order(StringComparer.Ordinal));
        recorded.ShouldAllBe(e =>
            e.Outcome == AuditOutcome.Denied && e.ActorName == "auditor@natero.test" && e.ActorType == ActorType.User
        );
        (await App.SendAsync(new VerifyAuditChainQuery(null), _auditor)).Value.Intact.ShouldBeTrue();
        (await App.SendAsync(new VerifyAuditChainQuery(DemoTenantId), _auditor)).Value.Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task The_auditor_runs_every_platform_audit_query()
    {
        var anEvent = await App.RecordAsync(DemoTenantId, "member.added");
        var queries = AuditQueries(anEvent.Id);
        var discovered = ApplicationAssembly
            .GetTypes()
            .Where(t =>
                t.Namespace?.StartsWith("Natero.Connectors.Application.Audit", StringComparison.Ordinal) == true
                && t.GetCustomAttribute<RequirePlatformRoleAttribute>() is { } roles
                && roles.Roles.Contains(PlatformRoles.PlatformAuditor)
            )
            .Select(t => t.Name)
            .Order(StringComparer.Ordinal);
        discovered.ShouldBe(queries.Select(q => q.GetType().Name).Distinct().Order(StringComparer.Ordinal));

        foreach (var query in queries)
        {
            var result = await SendAsync(query, _auditor);
            result.IsSuccess.ShouldBeTrue($"{query.GetType().Name}: {result.Error?.Message}");
        }
    }

    private IReadOnlyList<object> Commands() =>
        [
            new CompleteConfigurationCommand(_active, "configured by an auditor"),
            new SuspendConnectionCommand(_active, "suspended by an auditor"),
            new ResumeConnectionCommand(_suspended),
            new RotateTokenKeysCommand(),
            new CreateTenantCommand("Auditor's", "auditors", "someone@auditors.test"),
            new CreatePlatformApiKeyCommand("auditor's key", PlatformRoles.PlatformAuditor, 30),
            new RevokePlatformApiKeyCommand(Guid.NewGuid()),
            new DisableAccountCommand(Guid.NewGuid()),
            new EnableAccountCommand(Guid.NewGuid()),
            new CreateAuditCheckpointsCommand(),
            new CreatePlatformWebhookEndpointCommand("https://93.184.216.34/hooks", null, ["*"]),
            new UpdatePlatformWebhookEndpointCommand(Guid.NewGuid(), null, null, null, false),
            new DeletePlatformWebhookEndpointCommand(Guid.NewGuid()),
            new RotatePlatformWebhookSecretCommand(Guid.NewGuid()),
            new SendPlatformTestWebhookCommand(Guid.NewGuid()),
            new ResendPlatformWebhookDeliveryCommand(Guid.NewGuid(), Guid.NewGuid()),
        ];

    private IReadOnlyList<object> AuditQueries(Guid eventId) =>
        [
            new SearchAuditEventsQuery(AuditEventFilter.None),
            new SearchAuditEventsQuery(new AuditEventFilter(Tenant: TestUsers.DemoTenant, Action: "member.*")),
            new GetAuditEventQuery(eventId),
            new ExportAuditEventsQuery(AuditEventFilter.None),
            new VerifyAuditChainQuery(null),
            new VerifyAuditChainQuery(DemoTenantId),
            new VerifyAuditChainQuery(null, TestUsers.DemoTenant),
            new ListAuditCheckpointsQuery(),
            new ListAuditCheckpointsQuery(TestUsers.DemoTenant),
        ];

    /// <summary>Sends any request as <paramref name="actor"/>, outside any tenant, through the mediator's untyped entry.</summary>
    private async Task<Result> SendAsync(object request, Actor actor)
    {
        await using var scope = await App.EnterAsync(actor, tenantSlug: null);
        var response = await scope.ServiceProvider.GetRequiredService<ISender>().Send(request);
        return response.ShouldBeAssignableTo<Result>()!;
    }

    /// <summary>What a platform command could change: tenants, people and memberships, and every connection field.</summary>
    private Task<string> SnapshotAsync() =>
        App.QueryDbAsync(async db =>
        {
            var tenants = await db
                .Tenants.AsNoTracking()
                .OrderBy(t => t.Slug)
                .Select(t => $"{t.Id}|{t.Slug}|{t.Name}|{t.Status}")
                .ToListAsync();
            var users = await db.Users.AsNoTracking().OrderBy(u => u.Email).Select(u => u.Email).ToListAsync();
            var memberships = await db.Memberships.IgnoreQueryFilters().AsNoTracking().CountAsync();
            var keys = await db.ApiKeys.AsNoTracking().CountAsync();
            var connections = await db.ProviderConnections.IgnoreQueryFilters().AsNoTracking().OrderBy(c => c.Id).ToListAsync();
            var rows = connections.Select(c =>
                string.Join('|', typeof(ProviderConnection).GetProperties().Select(p => $"{p.Name}={p.GetValue(c)}"))
            );
            return string.Join(
                '\n',
                tenants
                    .Concat(users.Select(u => u ?? string.Empty))
                    .Append(memberships.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .Append(keys.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .Concat(rows)
            );
        });
}
