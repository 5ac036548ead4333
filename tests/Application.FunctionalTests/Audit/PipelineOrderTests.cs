using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Common.Behaviours;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Tenants.Commands.RemoveMember;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Audit;

/// <summary>
/// The pipeline the container builds is the one Application states in <see cref="PipelineOrder"/>, and audit
/// wraps the tenant and authorization checks: what they refuse is on record.
/// </summary>
public sealed class PipelineOrderTests(ApplicationFixture app) : FunctionalTest(app)
{
    private const string Action = "member.removed";

    [Fact]
    public async Task The_container_builds_the_pipeline_in_the_order_application_states()
    {
        var resolved = await ResolvedOrderAsync();

        resolved.ShouldBe(PipelineOrder.Behaviours, "the list given to AddMediator must equal Application's PipelineOrder");
    }

    [Fact]
    public async Task Audit_wraps_the_tenant_and_authorization_checks()
    {
        var resolved = await ResolvedOrderAsync();

        var audit = resolved.IndexOf(typeof(AuditBehaviour<,>));
        audit.ShouldBeGreaterThanOrEqualTo(0, "AuditBehaviour must be in the pipeline");
        audit.ShouldBeLessThan(resolved.IndexOf(typeof(TenantBehaviour<,>)), "audit must run outside the tenant check");
        audit.ShouldBeLessThan(resolved.IndexOf(typeof(AuthorizationBehaviour<,>)), "audit must run outside authorization");
        audit.ShouldBeLessThan(resolved.IndexOf(typeof(ValidationBehaviour<,>)), "audit must run outside validation");
    }

    [Fact]
    public async Task A_command_refused_by_authorization_is_on_record_as_denied_under_its_action()
    {
        var member = await App.AddMemberAsync("no-permissions@demo.natero.test", TestUsers.DemoTenant);
        var before = await App.QueryDbAsync(db => db.AuditEvents.CountAsync());

        var result = await App.SendAsync(new RemoveMemberCommand(Guid.NewGuid()), member, TestUsers.DemoTenant);

        result.Error.ShouldNotBeNull().Kind.ShouldBe(ErrorKind.Forbidden);
        var recorded = await RecordedSinceAsync(before);
        var only = recorded.ShouldHaveSingleItem();
        only.Action.ShouldBe(Action);
        only.Outcome.ShouldBe(AuditOutcome.Denied);
        only.ActorId.ShouldBe(member.UserId.ToString());
    }

    [Fact]
    public async Task A_command_refused_by_the_tenant_check_is_on_record_under_its_action()
    {
        var outsider = await App.CreateUserAsync("outsider@elsewhere.test");
        var before = await App.QueryDbAsync(db => db.AuditEvents.CountAsync());

        var result = await App.SendAsync(new RemoveMemberCommand(Guid.NewGuid()), outsider, TestUsers.DemoTenant);

        result.Error.ShouldNotBeNull().Kind.ShouldBe(ErrorKind.NotFound, "a non-member is told the tenant does not exist");
        var recorded = await RecordedSinceAsync(before);
        var only = recorded.ShouldHaveSingleItem();
        only.Action.ShouldBe(Action);
        only.Outcome.ShouldBe(AuditOutcome.Failure);
        only.ActorId.ShouldBe(outsider.UserId.ToString());
    }

    /// <summary>The behaviours the container gives a tenant command, in the order Mediator wraps them, outermost first.</summary>
    private async Task<List<Type>> ResolvedOrderAsync()
    {
        await using var scope = await App.EnterAsync(await App.UserAsync(TestUsers.DemoAdmin), TestUsers.DemoTenant);
        return
        [
            .. scope
                .ServiceProvider.GetServices<IPipelineBehavior<RemoveMemberCommand, Result>>()
                .Select(b => b.GetType().GetGenericTypeDefinition()),
        ];
    }

    private Task<List<AuditEvent>> RecordedSinceAsync(int before) =>
        App.QueryDbAsync(db => db.AuditEvents.AsNoTracking().OrderBy(e => e.OccurredAt).Skip(before).ToListAsync());
}
