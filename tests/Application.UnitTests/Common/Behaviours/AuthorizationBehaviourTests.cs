using Mediator;
using Microsoft.Extensions.Logging.Abstractions;
using Natero.Connectors.Application.Common.Behaviours;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Application.UnitTests.Fakes;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.UnitTests.Common.Behaviours;

public sealed class AuthorizationBehaviourTests
{
    [Fact]
    public async Task Anonymous_caller_is_told_to_sign_in_and_the_handler_is_not_reached()
    {
        var handler = new Handler<ConfigureConnectorCommand>();

        var result = await Run(
            new ConfigureConnectorCommand("salesforce"),
            FakeCurrentUser.Anonymous,
            FakeTenantAccess.Member(Permissions.DataConnectors.Configure),
            handler
        );

        result.Error.ShouldNotBeNull().Kind.ShouldBe(ErrorKind.Unauthorized);
        handler.WasCalled.ShouldBeFalse();
    }

    [Fact]
    public async Task Request_that_declares_nothing_still_needs_a_signed_in_caller()
    {
        var handler = new Handler<PlainCommandWithoutValue>();
        var behaviour = new AuthorizationBehaviour<PlainCommandWithoutValue, Result>(
            FakeCurrentUser.Anonymous,
            FakeTenantAccess.NotAMember,
            NullLogger<AuthorizationBehaviour<PlainCommandWithoutValue, Result>>.Instance
        );

        var result = await behaviour.Handle(
            new PlainCommandWithoutValue(),
            handler.NextWithoutValue,
            TestContext.Current.CancellationToken
        );

        result.Error.ShouldNotBeNull().Kind.ShouldBe(ErrorKind.Unauthorized);
        handler.WasCalled.ShouldBeFalse();
    }

    [Fact]
    public async Task Signed_in_caller_reaches_a_request_that_declares_nothing()
    {
        var handler = new Handler<PlainCommand>();

        var result = await Run(new PlainCommand(), FakeCurrentUser.SignedIn(), FakeTenantAccess.NotAMember, handler);

        result.Value.ShouldBe("handled");
    }

    [Fact]
    public async Task Member_without_the_permission_is_forbidden_and_told_which_permission_by_its_name()
    {
        var handler = new Handler<ConfigureConnectorCommand>();

        var result = await Run(
            new ConfigureConnectorCommand("salesforce"),
            FakeCurrentUser.SignedIn(),
            FakeTenantAccess.Member(Permissions.DataConnectors.View),
            handler
        );

        var error = result.Error.ShouldNotBeNull();
        error.Kind.ShouldBe(ErrorKind.Forbidden);
        error.Message.ShouldContain("\"Configure data connectors\"");
        handler.WasCalled.ShouldBeFalse();
    }

    [Fact]
    public async Task Caller_outside_the_tenant_is_forbidden_a_permission_request()
    {
        var handler = new Handler<ConfigureConnectorCommand>();

        var result = await Run(
            new ConfigureConnectorCommand("salesforce"),
            FakeCurrentUser.SignedIn(),
            FakeTenantAccess.NotAMember,
            handler
        );

        result.Error.ShouldNotBeNull().Kind.ShouldBe(ErrorKind.Forbidden);
        handler.WasCalled.ShouldBeFalse();
    }

    [Fact]
    public async Task Platform_role_does_not_stand_in_for_a_tenant_permission()
    {
        var handler = new Handler<ConfigureConnectorCommand>();

        var result = await Run(
            new ConfigureConnectorCommand("salesforce"),
            FakeCurrentUser.SignedIn(PlatformRoles.PlatformAdmin),
            FakeTenantAccess.Member(),
            handler
        );

        result.Error.ShouldNotBeNull().Kind.ShouldBe(ErrorKind.Forbidden);
        handler.WasCalled.ShouldBeFalse();
    }

    [Fact]
    public async Task Member_with_the_permission_reaches_the_handler()
    {
        var handler = new Handler<ConfigureConnectorCommand>();

        var result = await Run(
            new ConfigureConnectorCommand("salesforce"),
            FakeCurrentUser.SignedIn(),
            FakeTenantAccess.Member(Permissions.DataConnectors.Configure),
            handler
        );

        result.Value.ShouldBe("handled");
        handler.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task Every_declared_permission_is_required()
    {
        var handler = new Handler<ReadCredentialsCommand>();

        var result = await Run(
            new ReadCredentialsCommand(),
            FakeCurrentUser.SignedIn(),
            FakeTenantAccess.Member(Permissions.DataConnectors.View),
            handler
        );

        result.Error.ShouldNotBeNull().Message.ShouldContain("\"Read connector credentials\"");
        handler.WasCalled.ShouldBeFalse();
    }

    [Fact]
    public async Task Caller_without_a_platform_role_is_forbidden_a_platform_request()
    {
        var handler = new Handler<PlatformQuery>();

        var result = await Run(
            new PlatformQuery(),
            FakeCurrentUser.SignedIn(),
            FakeTenantAccess.Member([.. Permissions.All.Select(p => p.Name)]),
            handler
        );

        var error = result.Error.ShouldNotBeNull();
        error.Kind.ShouldBe(ErrorKind.Forbidden);
        error.Message.ShouldContain(PlatformRoles.PlatformAdmin);
        handler.WasCalled.ShouldBeFalse();
    }

    [Theory]
    [InlineData(PlatformRoles.PlatformAdmin)]
    [InlineData(PlatformRoles.PlatformAuditor)]
    public async Task Caller_with_any_declared_platform_role_reaches_the_handler(string role)
    {
        var handler = new Handler<PlatformQuery>();

        var result = await Run(new PlatformQuery(), FakeCurrentUser.SignedIn(role), FakeTenantAccess.NotAMember, handler);

        result.Value.ShouldBe("handled");
    }

    [Fact]
    public async Task Request_allowed_anonymously_reaches_the_handler_without_a_caller()
    {
        var handler = new Handler<AnonymousCommand>();
        var access = FakeTenantAccess.NotAMember;

        var result = await Run(new AnonymousCommand(), FakeCurrentUser.Anonymous, access, handler);

        result.Value.ShouldBe("handled");
        access.Lookups.ShouldBe(0);
    }

    private static ValueTask<Result<string>> Run<TMessage>(
        TMessage message,
        ICurrentUser user,
        ICurrentTenantAccess access,
        Handler<TMessage> handler
    )
        where TMessage : IMessage
    {
        var behaviour = new AuthorizationBehaviour<TMessage, Result<string>>(
            user,
            access,
            NullLogger<AuthorizationBehaviour<TMessage, Result<string>>>.Instance
        );
        return behaviour.Handle(message, handler.Next, TestContext.Current.CancellationToken);
    }
}
