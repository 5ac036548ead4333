using BenchmarkDotNet.Attributes;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Connections.Queries.ListProviders;

namespace Natero.Connectors.Benchmarks;

/// <summary>
/// What the mediator pipeline (Logging, UnhandledException, Audit, Tenant, Authorization, Validation,
/// Performance) adds to a request: <see cref="ListProvidersQuery"/>, whose handler only lists the
/// registered providers, sent by a signed-in user against its handler called directly.
/// </summary>
[MemoryDiagnoser]
public class MediatorPipelineBenchmarks
{
    private static readonly ListProvidersQuery Query = new();
    private AsyncServiceScope _scope;
    private Guid _userId;
    private ISender _sender = null!;
    private ListProvidersQueryHandler _handler = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var host = MicroBenchmarks.Host;
        (_userId, _) = await BenchHost.DemoAdminAsync(host.Services);
        _scope = host.Services.CreateAsyncScope();
        _scope.ServiceProvider.GetRequiredService<BenchHost.BenchUser>().Id = _userId;
        _sender = _scope.ServiceProvider.GetRequiredService<ISender>();
        _handler = _scope.ServiceProvider.GetRequiredService<ListProvidersQueryHandler>();
        if (!(await _sender.Send(Query)).IsSuccess)
        {
            throw new InvalidOperationException("ListProvidersQuery failed through the pipeline.");
        }
    }

    [GlobalCleanup]
    public ValueTask CleanupAsync() => _scope.DisposeAsync();

    /// <summary>The handler alone, resolved once from the request's scope.</summary>
    [Benchmark(Baseline = true)]
    public ValueTask<Result<IReadOnlyList<ProviderDto>>> Handler() => _handler.Handle(Query, CancellationToken.None);

    /// <summary>The same query through ISender and all seven behaviours, in a scope that has served a request before.</summary>
    [Benchmark]
    public ValueTask<Result<IReadOnlyList<ProviderDto>>> Pipeline() => _sender.Send(Query);

    /// <summary>As a web request does it: a new scope, its user, ISender resolved from it, then the pipeline.</summary>
    [Benchmark]
    public async Task<Result<IReadOnlyList<ProviderDto>>> PipelineInNewScope()
    {
        await using var scope = MicroBenchmarks.Host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<BenchHost.BenchUser>().Id = _userId;
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(Query);
    }
}
