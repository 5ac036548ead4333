using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common.Email;
using Natero.Connectors.Infrastructure.Email;
using Natero.Connectors.Infrastructure.Persistence;

namespace Natero.Connectors.Application.FunctionalTests.Email;

/// <summary>Queues mail as a use case would and runs the outbox worker's rounds by hand.</summary>
public abstract class EmailTest(ApplicationFixture app) : FunctionalTest(app)
{
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    protected EmailOutboxWorker Worker => App.Services.GetRequiredService<EmailOutboxWorker>();

    protected EmailOptions Options => App.Services.GetRequiredService<IOptions<EmailOptions>>().Value;

    /// <summary>An invitation-like message whose body and link are secrets, as real ones are.</summary>
    protected OutgoingEmail Invitation(string to, string token = "inv-TOKEN-7f3a9c")
    {
        var link = Options.LinkTo($"/account/invitation/{token}");
        return new OutgoingEmail(
            to,
            "You are invited to Natero",
            $"Hello,\n\nAccept the invitation: {link}\n\nIt expires in 7 days.",
            $"<p>Hello,</p><p><a href=\"{link}\">Accept the invitation</a></p>",
            link
        );
    }

    /// <summary>Queues <paramref name="email"/> and saves, in one scope, as a command's unit of work would.</summary>
    protected Task<Guid> EnqueueAsync(OutgoingEmail email) => EnqueueAsync(App.Services, email);

    /// <summary>The same through another app's services.</summary>
    protected static async Task<Guid> EnqueueAsync(IServiceProvider services, OutgoingEmail email)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IEmailOutbox>().Enqueue(email);
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        await db.SaveChangesAsync();
        return db.ChangeTracker.Entries<OutboxMessage>().Single().Entity.Id;
    }

    protected Task<OutboxMessage> RowAsync(Guid id) =>
        App.QueryDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));

    protected Task<List<OutboxMessage>> RowsAsync() => App.QueryDbAsync(db => db.OutboxMessages.AsNoTracking().ToListAsync());
}
