using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Common.Providers;

namespace Natero.Connectors.Benchmarks;

/// <summary>
/// <see cref="ISecretProtector"/> as the app composes it (AES-256-GCM under the configured key
/// TokenEncryption:Keys:test1) on a Salesforce token pair, each way.
/// </summary>
[MemoryDiagnoser]
public class TokenEncryptionBenchmarks
{
    /// <summary>The form of a Salesforce access token: the org id, "!" and the session part; 112 characters.</summary>
    private const string AccessToken =
        "00D5g000008bXyZ!PtYgjmUhBel31iEl2hpChYgCfrL1spNxnyVmihA_2O76UMFxFkM_R5Kjp1vRt.1fjORS_6ilI8ihN5KXSc7Tvo_hBKqFYY_k";

    /// <summary>The form of a Salesforce refresh token; 87 characters.</summary>
    private const string RefreshToken = "5Aep861v5ZJr3J1TWDtkwtDDb.xHKas1VOqg6YYZYn9ZhyiA4uoRgnatmUdjAWtGSU8po.799NksnRH9ucAUsdM";

    private readonly SecretBinding _accessBinding = SecretBinding.AccessToken(Guid.CreateVersion7(), Guid.CreateVersion7());
    private readonly SecretBinding _refreshBinding = SecretBinding.RefreshToken(Guid.CreateVersion7(), Guid.CreateVersion7());
    private ISecretProtector _protector = null!;
    private string _protectedAccess = null!;
    private string _protectedRefresh = null!;

    [GlobalSetup]
    public void Setup()
    {
        _protector = MicroBenchmarks.Host.Services.GetRequiredService<ISecretProtector>();
        _protectedAccess = _protector.Protect(AccessToken, _accessBinding);
        _protectedRefresh = _protector.Protect(RefreshToken, _refreshBinding);
    }

    /// <summary>Encrypts the access token: what storing a connection's tokens does once per token.</summary>
    [Benchmark]
    public string ProtectAccessToken() => _protector.Protect(AccessToken, _accessBinding);

    /// <summary>Decrypts the access token: what handing out a fresh token costs besides its lookup.</summary>
    [Benchmark]
    public string? UnprotectAccessToken() => _protector.Unprotect(_protectedAccess, _accessBinding);

    /// <summary>Encrypts the refresh token, bound to its own field.</summary>
    [Benchmark]
    public string ProtectRefreshToken() => _protector.Protect(RefreshToken, _refreshBinding);

    /// <summary>Decrypts the refresh token: what a token refresh does before calling Salesforce.</summary>
    [Benchmark]
    public string? UnprotectRefreshToken() => _protector.Unprotect(_protectedRefresh, _refreshBinding);
}
