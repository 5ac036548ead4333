using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Common.Interfaces;

namespace Natero.Connectors.Application.FunctionalTests.Persistence;

/// <summary>
/// <see cref="IApplicationDbContext.BeginLockedAsync"/>: a second unit of work asking for the same lock waits until the
/// first ends, whether the first one's first command is a query (on PostgreSQL the lock rides in front of it, in its
/// round trip) or a write (the lock is sent on its own first), and a lock asked for but never used binds nothing later.
/// </summary>
public sealed class LockedTransactionTests(ApplicationFixture app) : FunctionalTest(app)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_second_holder_of_the_same_lock_waits_until_the_first_commits(bool firstCommandIsAQuery)
    {
        var name = $"test:{Guid.NewGuid():N}";
        await using var first = App.Services.CreateAsyncScope();
        var firstDb = first.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        var held = await firstDb.BeginLockedAsync(name, CancellationToken.None);
        if (firstCommandIsAQuery)
        {
            await firstDb.Tenants.CountAsync();
        }
        else
        {
            await firstDb.Tenants.Where(t => t.Id == Guid.Empty).ExecuteUpdateAsync(set => set.SetProperty(t => t.Name, "none"));
        }

        var second = Task.Run(async () =>
        {
            await using var scope = App.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
            await using var locked = await db.BeginLockedAsync(name, CancellationToken.None);
            var count = await db.Tenants.CountAsync();
            await locked.CommitAsync(CancellationToken.None);
            return count;
        });

        (await Task.WhenAny(second, Task.Delay(TimeSpan.FromMilliseconds(500)))).ShouldNotBe(second, "the lock is still held");
        await held.CommitAsync(CancellationToken.None);
        await held.DisposeAsync();
        (await second.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_lock_never_sent_is_not_taken_by_the_contexts_next_transaction()
    {
        var name = $"test:{Guid.NewGuid():N}";
        await using var first = App.Services.CreateAsyncScope();
        var firstDb = first.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        await (await firstDb.BeginLockedAsync(name, CancellationToken.None)).DisposeAsync();

        // The same context goes on in a transaction of its own, without the lock, and keeps it open.
        var database = ((DbContext)firstDb).Database;
        await using var unrelated = await database.BeginTransactionAsync();
        await firstDb.Tenants.CountAsync();

        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        if (database.IsNpgsql())
        {
            var locking = Task.Run(async () =>
            {
                await using var locked = await db.BeginLockedAsync(name, CancellationToken.None);
                await db.Tenants.CountAsync();
            });
            await locking.WaitAsync(TimeSpan.FromSeconds(10));
        }

        await unrelated.RollbackAsync();
    }
}
