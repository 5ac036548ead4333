using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Infrastructure.Persistence;
using static Natero.Connectors.Web.FunctionalTests.Api.ApiTesting;

namespace Natero.Connectors.Web.FunctionalTests;

/// <summary>
/// The owner's context (the migration check at start-up) and a request's pooled context share EF Core's internal services,
/// so a start builds the model once, with the thread-safety checks on (the tests' setting) and off (production's).
/// </summary>
public sealed class ContextOptionsTests(NateroWebFactory factory) : WebTest(factory)
{
    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public async Task The_owner_s_context_and_a_request_s_context_share_one_model(string threadSafetyChecks)
    {
        await using var host = Factory.WithSettings(("Database:ThreadSafetyChecks", threadSafetyChecks));
        await using var scope = host.Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<DatabaseOptions>();
        database.ThreadSafetyChecks.ShouldBe(bool.Parse(threadSafetyChecks));

        await using var owner = OwnerDbContext.Create(database, TimeProvider.System);
        var request = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();

        request.Model.ShouldBeSameAs(owner.Model);
    }

    [Fact]
    public async Task The_model_built_ahead_at_start_up_is_the_one_requests_use_and_a_failure_there_stays_there()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<DatabaseOptions>();
        var read = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        OwnerDbContext.WarmUpInBackground(
            () => throw new InvalidOperationException("Database:Provider must be Sqlite or Postgres"),
            TimeProvider.System
        );
        OwnerDbContext.WarmUpInBackground(
            () =>
            {
                read.SetResult();
                return database;
            },
            TimeProvider.System
        );

        await read.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await using var owner = OwnerDbContext.Create(database, TimeProvider.System);
        scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().Model.ShouldBeSameAs(owner.Model);
    }
}
