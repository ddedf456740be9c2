using System.Net;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// What a signed-in person is shown is theirs: no cache keeps it (nor the next person at a shared computer), while
/// files that chose their own caching (the stylesheet, entry previews) keep it.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class PrivateCachingTests(MarketplaceAppFixture app)
{
    [Theory]
    [InlineData("/api/v1/account/me")]
    [InlineData("/api/v1/me/notifications")]
    [InlineData("/api/v1/me/entries")]
    [InlineData("/notifications")]
    [InlineData("/creative/entries")]
    [InlineData("/account")]
    [InlineData("/")]
    public async Task Answers_to_a_signed_in_person_are_never_stored(string path)
    {
        using var person = await ApiSession.SignUpAsync(app, "creative", "Private Pat");

        using var response = await person.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore == true, $"{path}: Cache-Control was '{response.Headers.CacheControl}'");
    }

    [Fact]
    public async Task The_stylesheet_keeps_its_own_caching_for_a_signed_in_person()
    {
        using var person = await ApiSession.SignUpAsync(app, "buyer", "Cached Cal");

        using var response = await person.Http.GetAsync("/css/site.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.CacheControl!.NoStore);
        Assert.True(response.Headers.CacheControl.Public);
    }
}
