using System.Net;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.FunctionalTests;

public sealed class AccountTests(NateroWebFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task Sign_in_page_has_labelled_email_and_password_fields_and_a_sign_in_button()
    {
        using var browser = Factory.NewBrowser();

        var html = await browser.GetHtmlAsync("/account/sign-in");

        html.ShouldContain(">Email</label>");
        html.ShouldContain(">Password</label>");
        html.ShouldContain(">Sign in</button>");
    }

    [Fact]
    public async Task Demo_admin_signs_in_and_lands_on_the_demo_tenant()
    {
        using var browser = Factory.NewBrowser();

        using var signIn = await browser.SignInAsync(TestUsers.DemoAdmin, TestUsers.Password);
        using var home = await browser.GetPageAsync("/");

        signIn.Headers.Location!.OriginalString.ShouldBe("/");
        home.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        home.Headers.Location!.OriginalString.ShouldBe("/t/demo");
        (await browser.GetHtmlAsync("/t/demo")).ShouldContain("Users");
    }

    [Fact]
    public async Task Wrong_password_is_refused_with_a_message()
    {
        using var browser = Factory.NewBrowser();

        using var response = await browser.SignInAsync(TestUsers.DemoAdmin, "not-the-password");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("The email or password is not right.");
    }

    [Fact]
    public async Task Five_failed_sign_ins_lock_the_account_even_for_the_right_password()
    {
        using var browser = Factory.NewBrowser();
        for (var i = 0; i < 5; i++)
        {
            (await browser.SignInAsync(TestUsers.DemoMember, "wrong-password-" + i)).Dispose();
        }

        using var response = await browser.SignInAsync(TestUsers.DemoMember, TestUsers.Password);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("locked");
    }

    [Theory]
    [InlineData("/t/demo/settings/users", "/t/demo/settings/users")]
    [InlineData("https://evil.example", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    public async Task Return_url_is_honoured_only_when_local(string returnUrl, string expected)
    {
        using var browser = Factory.NewBrowser();

        using var response = await browser.SignInAsync(TestUsers.DemoAdmin, TestUsers.Password, returnUrl);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe(expected);
    }

    [Fact]
    public async Task Anonymous_visitor_is_sent_to_sign_in_with_the_page_as_return_url()
    {
        using var browser = Factory.NewBrowser();

        using var response = await browser.GetPageAsync("/t/demo/settings/users");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.PathAndQuery.ShouldBe("/account/sign-in?returnUrl=%2Ft%2Fdemo%2Fsettings%2Fusers");
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);

        using var signOut = await browser.SubmitAsync("/t/demo", "/account/sign-out", []);
        using var after = await browser.GetPageAsync("/t/demo");

        signOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.Headers.Location!.AbsolutePath.ShouldBe("/account/sign-in");
    }

    [Fact]
    public async Task The_session_cookie_is_secure_http_only_and_host_prefixed()
    {
        using var browser = Factory.NewBrowser();

        using var response = await browser.SignInAsync(TestUsers.DemoAdmin, TestUsers.Password);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-natero=", StringComparison.Ordinal));
        cookie.ShouldContain("secure");
        cookie.ShouldContain("httponly");
        cookie.ShouldContain("samesite=lax");
    }
}
