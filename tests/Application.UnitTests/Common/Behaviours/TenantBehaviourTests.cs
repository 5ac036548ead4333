using Mediator;
using Natero.Connectors.Application.Common.Behaviours;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Application.UnitTests.Fakes;

namespace Natero.Connectors.Application.UnitTests.Common.Behaviours;

public sealed class TenantBehaviourTests
{
    private static readonly FakeTenantContext Acme = FakeTenantContext.For(FakeTenantAccess.TenantId, "acme");

    [Fact]
    public async Task Request_outside_any_tenant_passes_without_a_membership_lookup()
    {
        var handler = new Handler<PlainCommand>();
        var access = FakeTenantAccess.NotAMember;

        var result = await Run(new PlainCommand(), FakeTenantContext.None(), FakeCurrentUser.Anonymous, access, handler);

        result.Value.ShouldBe("handled");
        access.Lookups.ShouldBe(0);
    }

    [Fact]
    public async Task Anonymous_caller_of_a_tenant_request_is_told_to_sign_in()
    {
        var handler = new Handler<TenantCommand>();

        var result = await Run(new TenantCommand(), Acme, FakeCurrentUser.Anonymous, FakeTenantAccess.Member(), handler);

        result.Error.ShouldNotBeNull().Kind.ShouldBe(ErrorKind.Unauthorized);
        handler.WasCalled.ShouldBeFalse();
    }

    [Fact]
    public async Task Tenant_request_without_a_tenant_is_not_found()
    {
        var handler = new Handler<TenantCommand>();

        var result = await Run(
            new TenantCommand(),
            FakeTenantContext.None(),
            FakeCurrentUser.SignedIn(),
            FakeTenantAccess.Member(),
            handler
        );

        result.Error.ShouldNotBeNull().Kind.ShouldBe(ErrorKind.NotFound);
        handler.WasCalled.ShouldBeFalse();
    }

    [Fact]
    public async Task Non_member_is_told_the_tenant_does_not_exist()
    {
        var handler = new Handler<TenantCommand>();

        var result = await Run(new TenantCommand(), Acme, FakeCurrentUser.SignedIn(), FakeTenantAccess.NotAMember, handler);

        var error = result.Error.ShouldNotBeNull();
        error.Kind.ShouldBe(ErrorKind.NotFound);
        error.Message.ShouldBe("Tenant was not found.");
        handler.WasCalled.ShouldBeFalse();
    }

    [Fact]
    public async Task Member_of_a_suspended_tenant_is_forbidden()
    {
        var handler = new Handler<TenantCommand>();

        var result = await Run(new TenantCommand(), Acme, FakeCurrentUser.SignedIn(), FakeTenantAccess.MemberOfSuspendedTenant(), handler);

        var error = result.Error.ShouldNotBeNull();
        error.Kind.ShouldBe(ErrorKind.Forbidden);
        error.Message.ShouldContain("suspended");
        handler.WasCalled.ShouldBeFalse();
    }

    [Fact]
    public async Task Member_of_an_active_tenant_reaches_the_handler()
    {
        var handler = new Handler<TenantCommand>();

        var result = await Run(new TenantCommand(), Acme, FakeCurrentUser.SignedIn(), FakeTenantAccess.Member(), handler);

        result.Value.ShouldBe("handled");
        handler.Calls.ShouldBe(1);
    }

    private static ValueTask<Result<string>> Run<TMessage>(
        TMessage message,
        ITenantContext tenant,
        ICurrentUser user,
        ICurrentTenantAccess access,
        Handler<TMessage> handler
    )
        where TMessage : IMessage =>
        new TenantBehaviour<TMessage, Result<string>>(tenant, user, access).Handle(
            message,
            handler.Next,
            TestContext.Current.CancellationToken
        );
}
