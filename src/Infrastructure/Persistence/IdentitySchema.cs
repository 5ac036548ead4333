using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Natero.Connectors.Infrastructure.Persistence;

/// <summary>
/// Identity builds its part of the model from the <see cref="IdentityOptions"/> of the application's services,
/// and version 3 of its schema is the one with the passkeys table. A context made outside the app's container
/// (migrations at design time, the owner's context) gets the same options from here, so that every context
/// builds the one model the migrations describe.
/// </summary>
internal static class IdentitySchema
{
    public static readonly Version Version = IdentitySchemaVersions.Version3;

    private static readonly Lazy<IServiceProvider> Services = new(() =>
        new ServiceCollection().Configure<IdentityOptions>(o => o.Stores.SchemaVersion = Version).BuildServiceProvider()
    );

    public static DbContextOptionsBuilder<TContext> WithIdentitySchema<TContext>(this DbContextOptionsBuilder<TContext> builder)
        where TContext : DbContext => builder.UseApplicationServiceProvider(Services.Value);
}
