namespace Natero.Connectors.Application.FunctionalTests.Webhooks;

/// <summary>What a webhook URL may be at registration (S28): https, public addresses only, said in words a person can act on.</summary>
public sealed class WebhookUrlPolicyTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [InlineData("http://hooks.example.test/natero")]
    [InlineData("http://127.0.0.1:8080/hooks")]
    [InlineData("http://93.184.216.34/hooks")]
    public async Task S28_registration_refuses_plain_http_without_the_loopback_switch(string url)
    {
        using var host = WebhookTransportHost.Create(dns: new ScriptedDnsResolver().Answer("hooks.example.test", ["93.184.216.34"]));

        var check = await host.Policy.CheckAsync(url, None);

        check.IsAllowed.ShouldBeFalse();
        check.Problem.ShouldBe("Webhook URLs must use https, not http.");
    }

    [Theory]
    [InlineData("https://127.0.0.1/hooks", "a loopback address (127.0.0.1)")]
    [InlineData("https://127.8.9.10/hooks", "a loopback address (127.8.9.10)")]
    [InlineData("https://[::1]/hooks", "a loopback address (::1)")]
    [InlineData("https://0.0.0.0/hooks", "an unspecified address (0.0.0.0)")]
    [InlineData("https://[::]/hooks", "an unspecified address (::)")]
    [InlineData("https://10.0.0.5/hooks", "a private address (10.0.0.5)")]
    [InlineData("https://172.16.0.1/hooks", "a private address (172.16.0.1)")]
    [InlineData("https://172.31.255.254/hooks", "a private address (172.31.255.254)")]
    [InlineData("https://192.168.1.1/hooks", "a private address (192.168.1.1)")]
    [InlineData("https://[fc00::1]/hooks", "a private address (fc00::1)")]
    [InlineData("https://[fd12:3456::1]/hooks", "a private address (fd12:3456::1)")]
    [InlineData("https://169.254.10.20/hooks", "a link-local address (169.254.10.20)")]
    [InlineData("https://[fe80::1]/hooks", "a link-local address (fe80::1)")]
    [InlineData("https://100.64.0.1/hooks", "a shared (carrier-grade NAT) address (100.64.0.1)")]
    [InlineData("https://100.127.255.254/hooks", "a shared (carrier-grade NAT) address (100.127.255.254)")]
    [InlineData("https://224.0.0.1/hooks", "a multicast address (224.0.0.1)")]
    [InlineData("https://239.255.255.250/hooks", "a multicast address (239.255.255.250)")]
    [InlineData("https://[ff02::1]/hooks", "a multicast address (ff02::1)")]
    [InlineData("https://255.255.255.255/hooks", "a broadcast address (255.255.255.255)")]
    [InlineData("https://0.1.2.3/hooks", "a reserved (\"this network\") address (0.1.2.3)")]
    [InlineData("https://240.0.0.1/hooks", "a reserved address (240.0.0.1)")]
    [InlineData("https://198.18.0.1/hooks", "a benchmarking address (198.18.0.1)")]
    [InlineData("https://198.19.255.1/hooks", "a benchmarking address (198.19.255.1)")]
    [InlineData("https://192.0.2.10/hooks", "a documentation address (192.0.2.10)")]
    [InlineData("https://[2001:db8::1]/hooks", "a documentation address (2001:db8::1)")]
    [InlineData("https://[::ffff:10.0.0.5]/hooks", "a private address (10.0.0.5)")]
    [InlineData("https://[64:ff9b::a00:5]/hooks", "a private address (10.0.0.5)")]
    [InlineData("https://[64:ff9b::7f00:1]/hooks", "a loopback address (127.0.0.1)")]
    [InlineData("https://[2002:c0a8:101::1]/hooks", "a private address (192.168.1.1)")]
    public async Task S28_registration_refuses_each_forbidden_kind_of_ip_literal(string url, string words)
    {
        var dns = new ScriptedDnsResolver();
        using var host = WebhookTransportHost.Create(dns: dns);

        var check = await host.Policy.CheckAsync(url, None);

        check.IsAllowed.ShouldBeFalse();
        check.Problem.ShouldBe($"Webhook URLs may not point to {words}: only public addresses are reached.");
        dns.Asked.ShouldBeEmpty();
    }

    [Fact]
    public async Task S28_registration_refuses_the_cloud_metadata_address()
    {
        using var host = WebhookTransportHost.Create(allowLoopbackHttp: true);

        var check = await host.Policy.CheckAsync("https://169.254.169.254/latest/meta-data/iam/security-credentials/", None);

        check.Problem.ShouldBe(
            "Webhook URLs may not point to a cloud metadata address (169.254.169.254): only public addresses are reached."
        );
    }

    [Fact]
    public async Task S28_registration_judges_an_ipv4_mapped_ipv6_literal_by_the_ipv4_address_inside()
    {
        using var host = WebhookTransportHost.Create();

        var check = await host.Policy.CheckAsync("https://[::ffff:127.0.0.1]:8443/hooks", None);

        check.Problem.ShouldBe("Webhook URLs may not point to a loopback address (127.0.0.1): only public addresses are reached.");
    }

    [Theory]
    [InlineData("https://user:pass@hooks.example.test/natero")]
    [InlineData("https://user@hooks.example.test/natero")]
    public async Task S28_registration_refuses_user_information_in_the_url(string url)
    {
        var dns = new ScriptedDnsResolver().Answer("hooks.example.test", ["93.184.216.34"]);
        using var host = WebhookTransportHost.Create(dns: dns);

        var check = await host.Policy.CheckAsync(url, None);

        check.Problem.ShouldBe("Webhook URLs may not contain a user name or password; authenticate with the signature instead.");
        dns.Asked.ShouldBeEmpty();
    }

    [Fact]
    public async Task S28_registration_refuses_a_name_that_resolves_to_loopback()
    {
        using var host = WebhookTransportHost.Create(dns: new ScriptedDnsResolver().Answer("hooks.example.test", ["127.0.0.1"]));

        var check = await host.Policy.CheckAsync("https://hooks.example.test/natero", None);

        check.Problem.ShouldBe(
            "hooks.example.test resolves to a loopback address (127.0.0.1): webhook URLs must reach only public addresses."
        );
    }

    [Theory]
    [InlineData("https://localhost/hooks")]
    [InlineData("https://LOCALHOST:8443/hooks")]
    public async Task S28_registration_refuses_localhost_through_the_machines_resolver_when_the_switch_is_off(string url)
    {
        using var host = WebhookTransportHost.Create();

        var check = await host.Policy.CheckAsync(url, None);

        check.IsAllowed.ShouldBeFalse();
        check.Problem.ShouldStartWith("localhost resolves to a loopback address (");
    }

    [Fact]
    public async Task S28_registration_refuses_a_name_when_any_one_of_its_addresses_is_inside()
    {
        var dns = new ScriptedDnsResolver().Answer("hooks.example.test", ["93.184.216.34", "2606:2800:220:1::1", "10.0.0.5"]);
        using var host = WebhookTransportHost.Create(dns: dns);

        var check = await host.Policy.CheckAsync("https://hooks.example.test/natero", None);

        check.Problem.ShouldBe(
            "hooks.example.test resolves to a private address (10.0.0.5): webhook URLs must reach only public addresses."
        );
    }

    [Fact]
    public async Task S28_registration_refuses_a_name_that_does_not_resolve_and_says_so()
    {
        using var host = WebhookTransportHost.Create(dns: new ScriptedDnsResolver());

        var check = await host.Policy.CheckAsync("https://nowhere.example.test/natero", None);

        check.Problem.ShouldBe(
            "nowhere.example.test could not be resolved to an address. Check the host name, or ask its owner whether it is published."
        );
    }

    [Theory]
    [InlineData("", "Enter the webhook URL, such as https://hooks.example.com/natero.")]
    [InlineData("/hooks/natero", "Enter an absolute URL, such as https://hooks.example.com/natero.")]
    [InlineData("hooks.example.test/natero", "Enter an absolute URL, such as https://hooks.example.com/natero.")]
    [InlineData("ftp://hooks.example.test/natero", "Webhook URLs must use https, not ftp.")]
    [InlineData("file:///etc/passwd", "Enter an absolute URL, such as https://hooks.example.com/natero.")]
    [InlineData(
        "https://hooks.example.test/natero#section",
        "Webhook URLs may not contain a fragment (#...): it is never sent to the receiver."
    )]
    public async Task S28_registration_refuses_urls_that_are_not_absolute_https_endpoints(string url, string problem)
    {
        using var host = WebhookTransportHost.Create(dns: new ScriptedDnsResolver().Answer("hooks.example.test", ["93.184.216.34"]));

        (await host.Policy.CheckAsync(url, None)).Problem.ShouldBe(problem);
    }

    [Fact]
    public async Task S28_registration_refuses_a_url_longer_than_2000_characters()
    {
        using var host = WebhookTransportHost.Create(dns: new ScriptedDnsResolver().Answer("hooks.example.test", ["93.184.216.34"]));
        var url = "https://hooks.example.test/" + new string('a', 2000 - 27);

        (await host.Policy.CheckAsync(url, None)).IsAllowed.ShouldBeTrue();
        (await host.Policy.CheckAsync(url + "a", None)).Problem.ShouldBe("Webhook URLs are at most 2000 characters long.");
    }

    [Fact]
    public async Task S28_registration_accepts_a_public_literal_without_any_lookup_or_connection()
    {
        var dns = new ScriptedDnsResolver();
        using var host = WebhookTransportHost.Create(dns: dns);

        var check = await host.Policy.CheckAsync(" https://93.184.216.34/hooks?source=natero ", None);

        check.IsAllowed.ShouldBeTrue(check.Problem);
        check.Url.ShouldBe(new Uri("https://93.184.216.34/hooks?source=natero"));
        dns.Asked.ShouldBeEmpty();
    }

    [Fact]
    public async Task S28_registration_accepts_a_name_that_resolves_only_to_public_addresses_and_normalises_it()
    {
        var dns = new ScriptedDnsResolver().Answer("hooks.example.test", ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"]);
        using var host = WebhookTransportHost.Create(dns: dns);

        var check = await host.Policy.CheckAsync("HTTPS://Hooks.Example.TEST:443/natero", None);

        check.Url!.AbsoluteUri.ShouldBe("https://hooks.example.test/natero");
        dns.Asked.ShouldBe(["hooks.example.test"]);
    }

    [Fact]
    public async Task S28_with_the_loopback_switch_on_registration_accepts_plain_http_to_127_0_0_1_and_localhost()
    {
        using var host = WebhookTransportHost.Create(allowLoopbackHttp: true);
        const int port = 8089;

        var literal = await host.Policy.CheckAsync($"http://127.0.0.1:{port}/hooks", None);
        var name = await host.Policy.CheckAsync($"http://localhost:{port}/hooks", None);

        literal.Url.ShouldBe(new Uri($"http://127.0.0.1:{port}/hooks"), literal.Problem);
        name.IsAllowed.ShouldBeTrue(name.Problem);
    }

    [Theory]
    [InlineData("http://93.184.216.34/hooks", "Webhook URLs must use https; plain http is allowed only to this machine (loopback).")]
    [InlineData("http://hooks.example.test/hooks", "Webhook URLs must use https; plain http is allowed only to this machine (loopback).")]
    [InlineData("https://10.0.0.5/hooks", "Webhook URLs may not point to a private address (10.0.0.5): only public addresses are reached.")]
    [InlineData(
        "https://169.254.169.254/hooks",
        "Webhook URLs may not point to a cloud metadata address (169.254.169.254): only public addresses are reached."
    )]
    public async Task S28_with_the_loopback_switch_on_other_inside_addresses_and_plain_http_elsewhere_are_still_refused(
        string url,
        string problem
    )
    {
        using var host = WebhookTransportHost.Create(
            allowLoopbackHttp: true,
            dns: new ScriptedDnsResolver().Answer("hooks.example.test", ["93.184.216.34"])
        );

        (await host.Policy.CheckAsync(url, None)).Problem.ShouldBe(problem);
    }
}
