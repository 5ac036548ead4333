using System.Reflection;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Application.Tenants.Commands.RemoveMember;
using Natero.Connectors.Application.Tenants.Invitations.Commands.InviteMember;
using Natero.Connectors.Application.Tenants.Queries.GetMembers;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Audit;

/// <summary>U1: every command of the product records its success, its refusal and its failure.</summary>
public sealed class EveryCommandIsAuditedTests(ApplicationFixture app) : FunctionalTest(app)
{
    public static TheoryData<string> Commands() => CommandsWhere(anonymous: false);

    /// <summary>The commands of people who are not signed in yet: signing in, resetting a password, accepting an invitation.</summary>
    public static TheoryData<string> AnonymousCommands() => CommandsWhere(anonymous: true);

    private static TheoryData<string> CommandsWhere(bool anonymous) =>
        [
            .. typeof(Natero.Connectors.Application.DependencyInjection)
                .Assembly.GetTypes()
                .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IBaseCommand).IsAssignableFrom(t))
                .Where(t => t.GetCustomAttribute<AllowAnonymousRequestAttribute>() is null != anonymous)
                .Select(t => t.FullName!)
                .Order(StringComparer.Ordinal),
        ];

    [Theory]
    [MemberData(nameof(AnonymousCommands))]
    public async Task An_anonymous_command_with_blank_input_records_exactly_one_failure_under_its_action(string commandType)
    {
        var type = typeof(Natero.Connectors.Application.DependencyInjection).Assembly.GetType(commandType)!;
        var action = type.GetCustomAttribute<AuditActionAttribute>().ShouldNotBeNull($"{type.Name} declares no [AuditAction]").Action;
        var before = await App.QueryDbAsync(db => db.AuditEvents.CountAsync());

        await using (var scope = await App.EnterAsync(actor: null, tenantSlug: null))
        {
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(Blank(type));
        }

        var recorded = await App.QueryDbAsync(db => db.AuditEvents.AsNoTracking().OrderBy(e => e.OccurredAt).Skip(before).ToListAsync());
        var only = recorded.ShouldHaveSingleItem($"{type.Name} should record one event when its input is refused");
        only.Action.ShouldBe(action);
        only.Outcome.ShouldBe(AuditOutcome.Failure);
    }

    [Fact]
    public void The_product_has_commands_to_check()
    {
        Commands().Count.ShouldBeGreaterThanOrEqualTo(12);
        AnonymousCommands().Count.ShouldBeGreaterThanOrEqualTo(4);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task A_refused_command_records_exactly_one_denied_event_under_its_action(string commandType)
    {
        var type = typeof(Natero.Connectors.Application.DependencyInjection).Assembly.GetType(commandType)!;
        var action = type.GetCustomAttribute<AuditActionAttribute>().ShouldNotBeNull($"{type.Name} declares no [AuditAction]").Action;
        var before = await App.QueryDbAsync(db => db.AuditEvents.CountAsync());

        await using (var scope = await App.EnterAsync(actor: null, TestUsers.DemoTenant))
        {
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(Blank(type));
        }

        var recorded = await App.QueryDbAsync(db => db.AuditEvents.AsNoTracking().OrderBy(e => e.OccurredAt).Skip(before).ToListAsync());
        var only = recorded.ShouldHaveSingleItem($"{type.Name} should record one event when refused");
        only.Action.ShouldBe(action);
        only.Outcome.ShouldBe(AuditOutcome.Denied);
    }

    /// <summary>Every query that needs someone signed in.</summary>
    public static TheoryData<string> GuardedQueries() =>
        [
            .. typeof(Natero.Connectors.Application.DependencyInjection)
                .Assembly.GetTypes()
                .Where(t =>
                    t is { IsAbstract: false, IsInterface: false }
                    && typeof(IBaseQuery).IsAssignableFrom(t)
                    && t.GetCustomAttribute<AllowAnonymousRequestAttribute>() is null
                )
                .Select(t => t.FullName!)
                .Order(StringComparer.Ordinal),
        ];

    [Theory]
    [MemberData(nameof(GuardedQueries))]
    public async Task A_refused_query_records_exactly_one_access_denied_event_naming_it(string queryType)
    {
        var type = typeof(Natero.Connectors.Application.DependencyInjection).Assembly.GetType(queryType)!;
        var before = await App.QueryDbAsync(db => db.AuditEvents.CountAsync());

        await using (var scope = await App.EnterAsync(actor: null, TestUsers.DemoTenant))
        {
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(Blank(type));
        }

        var recorded = await App.QueryDbAsync(db => db.AuditEvents.AsNoTracking().OrderBy(e => e.OccurredAt).Skip(before).ToListAsync());
        var only = recorded.ShouldHaveSingleItem($"{type.Name} should record one event when refused");
        only.Action.ShouldBe("access.denied");
        only.Outcome.ShouldBe(AuditOutcome.Denied);
        only.Data.ShouldNotBeNull().ShouldContain($"\"request\":\"{type.Name}\"");
    }

    [Fact]
    public async Task A_query_that_is_allowed_records_nothing()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);

        (await App.SendAsync(new GetMembersQuery(), admin, TestUsers.DemoTenant)).IsSuccess.ShouldBeTrue();

        (await App.QueryDbAsync(db => db.AuditEvents.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task A_successful_command_records_its_action_in_the_same_save_as_its_change()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);

        var added = await App.SendAsync(
            new InviteMemberCommand("audited@demo.test", [Permissions.DataConnectors.View]),
            admin,
            TestUsers.DemoTenant
        );

        var events = await App.QueryDbAsync(db => db.AuditEvents.AsNoTracking().ToListAsync());
        var recorded = events.ShouldHaveSingleItem();
        recorded.Action.ShouldBe("invitation.sent");
        recorded.Outcome.ShouldBe(AuditOutcome.Success);
        recorded.ActorName.ShouldBe(TestUsers.DemoAdmin);
        recorded.TenantId.ShouldNotBeNull();
        added.IsSuccess.ShouldBeTrue();
    }

    [Fact]
    public async Task A_command_that_fails_in_its_handler_records_the_failure_and_not_a_success()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);

        var result = await App.SendAsync(new RemoveMemberCommand(Guid.NewGuid()), admin, TestUsers.DemoTenant);

        result.IsSuccess.ShouldBeFalse();
        var recorded = (await App.QueryDbAsync(db => db.AuditEvents.AsNoTracking().ToListAsync())).ShouldHaveSingleItem();
        recorded.Action.ShouldBe("member.removed");
        recorded.Outcome.ShouldBe(AuditOutcome.Failure);
        recorded.Reason.ShouldBe("Member was not found.");
    }

    /// <summary>The command built from its record constructor with empty values: only its refusal matters here.</summary>
    private static object Blank(Type type)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var arguments = constructor
            .GetParameters()
            .Select(p =>
                p.ParameterType == typeof(string) ? string.Empty
                : p.ParameterType == typeof(IReadOnlyList<string>) ? Array.Empty<string>()
                : p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType)
                : null
            )
            .ToArray();
        return constructor.Invoke(arguments);
    }
}
