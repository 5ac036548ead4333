using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Connections.Commands.AuthorizationLinks;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Infrastructure.Persistence;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Lifecycle;

/// <summary>
/// Single-use claims (an authorization link, an OAuth attempt) go through their entity and its version: of two
/// claims at once exactly one wins, and the other is told what anyone is told about a used one.
/// </summary>
public sealed class SingleUseClaimTests(ApplicationFixture app) : LifecycleTest(app)
{
    private const string AlreadyUsedLink = "This link was already used. Ask for a new one, or authorize from Manage OAuth.";

    [Fact]
    public async Task Of_two_claims_of_one_link_read_at_once_the_second_save_is_refused()
    {
        var token = await CreateLinkAsync();
        await using var first = await App.EnterAsync(null, TestUsers.DemoTenant);
        await using var second = await App.EnterAsync(null, TestUsers.DemoTenant);
        var firstDb = first.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var secondDb = second.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var inFirst = await firstDb.AuthorizationLinks.SingleAsync();
        var inSecond = await secondDb.AuthorizationLinks.SingleAsync();

        inFirst.Use(Admin.UserId, App.Clock.GetUtcNow());
        inSecond.Use(Guid.CreateVersion7(), App.Clock.GetUtcNow());
        await firstDb.SaveChangesAsync();

        await Should.ThrowAsync<ConcurrentChangeException>(() => secondDb.SaveChangesAsync());
        var stored = await App.QueryDbAsync(db => db.AuthorizationLinks.IgnoreQueryFilters().AsNoTracking().SingleAsync());
        stored.UsedByUserId.ShouldBe(Admin.UserId);
        var late = await App.SendAsync(new UseAuthorizationLinkCommand(token), Admin, TestUsers.DemoTenant);
        late.Error!.Message.ShouldBe(AlreadyUsedLink);
    }

    [Fact]
    public async Task Of_people_using_one_link_at_once_exactly_one_wins_and_the_others_are_told_it_was_used()
    {
        var token = await CreateLinkAsync();

        var results = await Task.WhenAll(
            Enumerable
                .Range(0, 4)
                .Select(_ => Task.Run(() => App.SendAsync(new UseAuthorizationLinkCommand(token), Admin, TestUsers.DemoTenant)))
        );

        results.Count(r => r.IsSuccess).ShouldBe(1);
        results
            .Where(r => !r.IsSuccess)
            .ShouldAllBe(r => r.Error!.Kind == ErrorKind.Conflict && r.Error.Code == "link_closed" && r.Error.Message == AlreadyUsedLink);
        var audit = await AuditEventsAsync("connection.authorization_link_used");
        audit.Count(e => e.Outcome == AuditOutcome.Success).ShouldBe(1);
        audit.Count(e => e.Outcome == AuditOutcome.Failure).ShouldBe(3);
        await AuditChainsShouldVerifyAsync();
    }

    [Fact]
    public async Task Of_two_deliveries_of_one_callback_at_once_exactly_one_connects()
    {
        var callback = await Flow.CallbackAsync(Admin, App.Salesforce.Demo.Admin);

        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => Flow.CompleteAsync(callback, Admin))));

        results.Count(r => r.IsSuccess && r.Value.Connected).ShouldBe(1);
        var refused = results.Where(r => !r.IsSuccess).ShouldHaveSingleItem();
        refused.Error!.Message.ShouldBe(PendingAuthorization.AlreadyClaimed.Message);
        App.Salesforce.RequestLog.Count(r => r.Path == TokenPath && r.GrantType == "authorization_code").ShouldBe(1);
        await AuditChainsShouldVerifyAsync();
    }

    [Fact]
    public async Task Of_two_claims_of_one_attempt_read_at_once_the_second_save_is_refused()
    {
        var callback = await Flow.CallbackAsync(Admin, App.Salesforce.Demo.Admin);
        var bindingHash = OAuthSecrets.Hash(callback.BrowserBinding);
        await using var first = await App.EnterAsync(null, TestUsers.DemoTenant);
        await using var second = await App.EnterAsync(null, TestUsers.DemoTenant);
        var firstDb = first.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var secondDb = second.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var inFirst = await firstDb.PendingAuthorizations.SingleAsync();
        var inSecond = await secondDb.PendingAuthorizations.SingleAsync();

        inFirst.Claim(Admin.UserId, bindingHash, App.Clock.GetUtcNow());
        inSecond.Claim(Admin.UserId, bindingHash, App.Clock.GetUtcNow());
        await firstDb.SaveChangesAsync();

        await Should.ThrowAsync<ConcurrentChangeException>(() => secondDb.SaveChangesAsync());
        var replay = await Flow.CompleteAsync(callback, Admin);
        replay.Error!.Message.ShouldBe(PendingAuthorization.AlreadyClaimed.Message);
        (await AttemptsAsync()).ShouldHaveSingleItem().Version.ShouldBe(1);
    }

    private Task<List<PendingAuthorization>> AttemptsAsync() =>
        App.QueryDbAsync(db => db.PendingAuthorizations.IgnoreQueryFilters().AsNoTracking().ToListAsync());

    private async Task<string> CreateLinkAsync()
    {
        var created = await App.SendAsync(
            new CreateAuthorizationLinkCommand("salesforce", "Production", null, null),
            Admin,
            TestUsers.DemoTenant
        );
        created.IsSuccess.ShouldBeTrue(created.Error?.Message);
        return created.Value.Token;
    }
}
