using System.Text.RegularExpressions;

namespace Natero.Connectors.Architecture.Tests;

/// <summary>Rules read from the source text, for things that leave no trace a type check can see.</summary>
public sealed partial class SourceRulesTests
{
    /// <summary>
    /// Application files allowed to read across tenants, each with its reason. Anything under a folder
    /// named Platform is a platform handler and allowed too; every other use fails review here.
    /// </summary>
    private static readonly Dictionary<string, string> CrossTenantReadAllowList = new(StringComparer.Ordinal)
    {
        ["Tenants/Queries/ListMyTenants/ListMyTenantsQuery.cs"] =
            "a user lists the tenants they belong to, across tenants, by their own user id",
        ["Tenants/Queries/ListTenants/ListTenantsQuery.cs"] = "platform staff count every tenant's members",
        ["Connections/Commands/CompleteOAuth/CompleteOAuthCommand.cs"] =
            "the provider's callback arrives outside any tenant URL; the "
            + "attempt, claimed by state hash, user and browser, names the tenant",
        ["Tenants/Invitations/InvitationTokens.cs"] =
            "an invitation link arrives outside any tenant URL, often before "
            + "its person has an account; the token's hash names the invitation",
        ["Tenants/Invitations/Commands/AcceptInvitation/InvitationAcceptance.cs"] =
            "a first single sign-on or a host's new user arrives outside any tenant URL; the "
            + "verified email names the pending invitations, in any tenant",
        ["Accounts/SsoPasswordPolicy.cs"] =
            "a password sign-in arrives outside any tenant URL; the account's "
            + "own memberships name the tenants whose single sign-on rule applies",
        ["ApiKeys/Authentication/ApiKeyAuthenticator.cs"] =
            "an API key names its tenant; before it is known, the key's creator must still be a member of that tenant",
        ["Connections/BrokenConnection.cs"] =
            "platform staff's overview and daily digest list every tenant's broken connections; the digest runs in a background "
            + "scope, not a request",
        ["Audit/Queries/SearchAuditEvents/AuditTargetNames.cs"] =
            "the platform audit log names the targets of every tenant's events; a tenant's log is held to its own tenant by the "
            + "same condition on every kind of target",
    };

    [Fact]
    public void No_code_reads_the_system_clock_directly()
    {
        // Time comes from the injected TimeProvider, so that tests can move it.
        Offenders(Layers.Source, WallClock()).ShouldBeEmpty();
    }

    [Fact]
    public void Query_filters_are_ignored_only_in_platform_handlers_and_the_allow_listed_files()
    {
        var application = new DirectoryInfo(Path.Combine(Layers.Source.FullName, "Application"));

        var offenders = Offenders(application, IgnoreQueryFilters())
            .Where(hit => !hit.StartsWith("Platform/", StringComparison.Ordinal) && !hit.Contains("/Platform/", StringComparison.Ordinal))
            .Where(hit => !CrossTenantReadAllowList.ContainsKey(hit[..hit.IndexOf(':', StringComparison.Ordinal)]));

        offenders.ShouldBeEmpty();
    }

    [Fact]
    public void Application_sends_no_raw_sql()
    {
        var application = new DirectoryInfo(Path.Combine(Layers.Source.FullName, "Application"));

        Offenders(application, RawSql()).ShouldBeEmpty();
    }

    [Fact]
    public void Browser_tests_wait_for_pages_only_through_the_waits_that_cannot_miss_an_event()
    {
        // Playwright's WaitForURLAsync and WaitForLoadStateAsync can lose the event they wait for (PageWaits says how).
        var browserTests = new DirectoryInfo(Path.Combine(Layers.RepositoryRoot.FullName, "tests", "Web.AcceptanceTests"));

        Offenders(browserTests, PlaywrightPageWait()).ShouldBe(["PageWaits.cs:36"]);
    }

    [Fact]
    public void Source_scan_sees_the_source()
    {
        var files = Layers.CSharpFiles(Layers.Source).Select(f => f.RelativePath(Layers.Source)).ToList();

        files.ShouldContain("Domain/Connections/ProviderConnection.cs");
        files.ShouldNotContain(f => f.Contains("/obj/", StringComparison.Ordinal) || f.Contains("/bin/", StringComparison.Ordinal));
        Offenders(new DirectoryInfo(Path.Combine(Layers.Source.FullName, "Application")), IgnoreQueryFilters())
            .ShouldContain(hit => hit.StartsWith("Tenants/Queries/ListTenants/ListTenantsQuery.cs:", StringComparison.Ordinal));
    }

    /// <summary>"path:line" of every code line under <paramref name="root"/> that matches; comment lines are skipped.</summary>
    private static List<string> Offenders(DirectoryInfo root, Regex pattern) =>
        [
            .. Layers
                .CSharpFiles(root)
                .SelectMany(file =>
                    File.ReadLines(file.FullName)
                        .Select((text, index) => (Text: text, Line: index + 1))
                        .Where(line => !IsComment(line.Text) && pattern.IsMatch(line.Text))
                        .Select(line => $"{file.RelativePath(root)}:{line.Line}")
                ),
        ];

    private static bool IsComment(string line)
    {
        var trimmed = line.TrimStart();
        return trimmed.StartsWith("//", StringComparison.Ordinal)
            || trimmed.StartsWith("/*", StringComparison.Ordinal)
            || trimmed.StartsWith('*');
    }

    [GeneratedRegex(@"\bDateTime(Offset)?\s*\.\s*(UtcNow|Now|Today)\b")]
    private static partial Regex WallClock();

    [GeneratedRegex(@"\bIgnoreQueryFilters\b")]
    private static partial Regex IgnoreQueryFilters();

    [GeneratedRegex(@"\.(WaitForURLAsync|WaitForLoadStateAsync|WaitForNavigationAsync)\(")]
    private static partial Regex PlaywrightPageWait();

    [GeneratedRegex(@"\b(FromSql\w*|ExecuteSql\w*|SqlQuery\w*)\b")]
    private static partial Regex RawSql();
}
