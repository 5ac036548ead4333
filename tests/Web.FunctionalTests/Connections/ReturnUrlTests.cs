using System.Net;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.FunctionalTests.Connections;

public sealed class ReturnUrlTests(NateroWebFactory factory) : WebTest(factory)
{
    /// <summary>Each value goes into the query exactly as written: escaped once, raw, or escaped twice.</summary>
    [Theory]
    [InlineData("https%3A%2F%2Fevil.example")]
    [InlineData("https://evil.example")]
    [InlineData("%2F%2Fevil.example")]
    [InlineData("//evil.example")]
    [InlineData("%2F%5Cevil.example")]
    [InlineData("%252F%252Fevil.example")]
    [InlineData("%2F%252Fevil.example")]
    [InlineData("%2F%09%2Fevil.example")]
    public async Task S10_a_return_url_off_this_site_ends_on_a_local_page(string rawQueryValue)
    {
        using var browser = Factory.NewBrowser();
        var signIn = "/account/sign-in?returnUrl=" + rawQueryValue;

        using var response = await browser.SubmitAsync(
            signIn,
            signIn,
            [new("Input.Email", TestUsers.DemoAdmin), new("Input.Password", TestUsers.Password)]
        );

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = response.Headers.Location!.OriginalString;
        location.ShouldStartWith("/");
        location.ShouldNotStartWith("//");
        location.ShouldNotStartWith("/\\");
        new Uri(new Uri("https://localhost"), location).Host.ShouldBe("localhost");
    }

    [Fact]
    public async Task S10_percent_encoded_slashes_in_the_return_url_of_sign_in_end_on_the_start_page()
    {
        using var browser = Factory.NewBrowser();

        using var response = await browser.SignInAsync(TestUsers.DemoAdmin, TestUsers.Password, "%2F%2Fevil.example");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/");
    }
}
