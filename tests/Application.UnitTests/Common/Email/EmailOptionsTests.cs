using Natero.Connectors.Application.Common.Email;

namespace Natero.Connectors.Application.UnitTests.Common.Email;

public sealed class EmailOptionsTests
{
    [Theory]
    [InlineData("https://natero.example.com", "/account/invitation/abc", "https://natero.example.com/account/invitation/abc")]
    [InlineData("https://natero.example.com/", "account/invitation/abc", "https://natero.example.com/account/invitation/abc")]
    [InlineData("https://example.com/admin", "/account/invitation/abc", "https://example.com/admin/account/invitation/abc")]
    [InlineData("https://example.com/admin/", "/account/invitation/abc", "https://example.com/admin/account/invitation/abc")]
    [InlineData("http://localhost:5080", "/account/reset-password/a-b_c", "http://localhost:5080/account/reset-password/a-b_c")]
    public void Links_keep_the_public_base_and_its_path_base(string publicBaseUrl, string path, string link)
    {
        var options = new EmailOptions { PublicBaseUrl = new Uri(publicBaseUrl) };

        options.LinkTo(path).ShouldBe(link);
    }

    [Fact]
    public void A_link_without_a_public_base_url_names_the_missing_setting()
    {
        Should.Throw<InvalidOperationException>(() => new EmailOptions().LinkTo("/account/x")).Message.ShouldContain("Email:PublicBaseUrl");
    }
}
