using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.ApiKeys;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Common;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Audit;

/// <summary>U1: a handler names what its command made on the success event, before the event is sealed, never with a secret.</summary>
public sealed class AuditDescribeTests(ApplicationFixture app) : FunctionalTest(app)
{
    [Fact]
    public async Task U1_a_described_success_event_is_saved_with_its_target_and_data()
    {
        await using (var scope = await App.EnterAsync(await App.UserAsync(TestUsers.DemoAdmin), TestUsers.DemoTenant))
        {
            var audit = scope.ServiceProvider.GetRequiredService<IAuditTrail>();
            audit.RecordPending("thing.made", null);

            audit.Describe("thing:42", new Dictionary<string, string?> { ["name"] = "forty-two", ["parent_key_id"] = null });
            await scope.ServiceProvider.GetRequiredService<IApplicationDbContext>().SaveChangesAsync();
        }

        var saved = await App.QueryDbAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == "thing.made"));
        saved.Target.ShouldBe("thing:42");
        saved.Data.ShouldBe("""{"name":"forty-two","parent_key_id":null}""");
        saved.Hash.ShouldBe(AuditChain.HashOf(saved), "the seal covers the description");
    }

    [Theory]
    [InlineData("secret")]
    [InlineData("admin_password")]
    [InlineData("plaintext")]
    [InlineData("secret_hash")]
    public async Task U1_data_named_like_a_secret_is_refused(string key)
    {
        await using var scope = await App.EnterAsync(await App.UserAsync(TestUsers.DemoAdmin), TestUsers.DemoTenant);
        var audit = scope.ServiceProvider.GetRequiredService<IAuditTrail>();
        audit.RecordPending("thing.made", null);

        Should.Throw<InvalidOperationException>(() => audit.Describe("thing:1", new Dictionary<string, string?> { [key] = "x" }));
    }

    [Fact]
    public async Task U1_a_value_holding_an_api_key_is_refused_without_the_key_in_the_message_but_its_prefix_is_fine()
    {
        await using var scope = await App.EnterAsync(await App.UserAsync(TestUsers.DemoAdmin), TestUsers.DemoTenant);
        var audit = scope.ServiceProvider.GetRequiredService<IAuditTrail>();
        var (plaintext, prefix, _) = ApiKeySecret.Generate();
        audit.RecordPending("thing.made", null);

        var holdingKey = new Dictionary<string, string?> { ["note"] = $"made {plaintext}." };

        var refused = Should.Throw<InvalidOperationException>(() => audit.Describe("thing:1", holdingKey));

        refused.Message.ShouldNotContain(plaintext[ApiKeySecret.DisplayPrefixLength..]);
        audit.Describe("thing:1", new Dictionary<string, string?> { ["prefix"] = prefix });
    }

    [Fact]
    public async Task U1_there_is_nothing_to_describe_without_a_pending_event_and_a_sealed_one_never_changes()
    {
        await using var scope = await App.EnterAsync(await App.UserAsync(TestUsers.DemoAdmin), TestUsers.DemoTenant);
        var audit = scope.ServiceProvider.GetRequiredService<IAuditTrail>();

        Should.Throw<InvalidOperationException>(() => audit.Describe("thing:1", new Dictionary<string, string?>()));

        audit.RecordPending("thing.made", null);
        await scope.ServiceProvider.GetRequiredService<IApplicationDbContext>().SaveChangesAsync();
        Should.Throw<DomainException>(() => audit.Describe("thing:1", new Dictionary<string, string?>()));
    }
}
