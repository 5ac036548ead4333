using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.ApiKeys;
using Natero.Connectors.Application.ApiKeys.Authentication;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.ApiKeys;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Infrastructure.Persistence;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Benchmarks;

/// <summary>
/// The check every API request starts with: <see cref="ApiKeySecret.HasValidShape"/> (form and checksum,
/// no database), and <see cref="IApiKeyAuthenticator"/> on a key of the demo tenant once it is cached.
/// </summary>
[MemoryDiagnoser]
public class ApiKeyCheckBenchmarks
{
    private const string IpAddress = "203.0.113.10";
    private AsyncServiceScope _scope;
    private IApiKeyAuthenticator _authenticator = null!;
    private string _key = null!;
    private string _badChecksum = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _scope = MicroBenchmarks.Host.Services.CreateAsyncScope();
        _key = await SeedKeyAsync(_scope.ServiceProvider);
        var last = _key[^1];
        _badChecksum = _key[..^1] + (last == 'a' ? 'b' : 'a');
        _authenticator = _scope.ServiceProvider.GetRequiredService<IApiKeyAuthenticator>();
        if (!(await _authenticator.AuthenticateAsync(_key, IpAddress, CancellationToken.None)).IsSuccess)
        {
            throw new InvalidOperationException("The seeded API key was refused.");
        }
    }

    [GlobalCleanup]
    public ValueTask CleanupAsync() => _scope.DisposeAsync();

    /// <summary>Form and checksum (a SHA-256 of the body) of a well-formed key.</summary>
    [Benchmark(Baseline = true)]
    public bool ShapeOfValidKey() => ApiKeySecret.HasValidShape(_key);

    /// <summary>Form and checksum of a key whose last character was changed: refused without the database.</summary>
    [Benchmark]
    public bool ShapeOfBadChecksum() => ApiKeySecret.HasValidShape(_badChecksum);

    /// <summary>The authenticator on the key with a bad checksum: the refusal the caller gets, without a query.</summary>
    [Benchmark]
    public Task<Result<AuthenticatedApiKey>> AuthenticateBadChecksum() =>
        _authenticator.AuthenticateAsync(_badChecksum, IpAddress, CancellationToken.None);

    /// <summary>
    /// The authenticator on a valid key found in the memory cache: checksum, SHA-256 of the key, cache lookup.
    /// As in production, at most once a minute it also records the key's last use in the database.
    /// </summary>
    [Benchmark]
    public Task<Result<AuthenticatedApiKey>> AuthenticateCachedKey() =>
        _authenticator.AuthenticateAsync(_key, IpAddress, CancellationToken.None);

    /// <summary>A key of the demo tenant made by its admin with one permission, as the API benchmark makes one.</summary>
    private static async Task<string> SeedKeyAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<ApplicationDbContext>();
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Slug == TestUsers.DemoTenant);
        var admin = await db.Users.AsNoTracking().SingleAsync(u => u.Email == TestUsers.DemoAdmin);
        services.GetRequiredService<ITenantContext>().SetTenant(tenant.Id, tenant.Slug);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var (plaintext, prefix, hash) = ApiKeySecret.Generate();
        db.ApiKeys.Add(
            ApiKey.Create(
                Guid.CreateVersion7(now),
                tenant.Id,
                "micro bench key",
                prefix,
                hash,
                [Permissions.DataConnectors.View],
                admin.Id,
                now.AddDays(30)
            )
        );
        await db.SaveChangesAsync();
        return plaintext;
    }
}
