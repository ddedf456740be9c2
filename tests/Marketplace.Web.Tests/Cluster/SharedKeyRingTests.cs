using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Cluster;

/// <summary>
/// Every web server reads its data protection keys from the storage account, so a person signed in on one server is
/// signed in on all of them and on any started later (a redeploy); a cookie from elsewhere is simply signed out.
/// </summary>
[Collection(TwoSiloClusterCollection.Name)]
public sealed class SharedKeyRingTests(TwoSiloClusterFixture cluster)
{
    private const string AuthCookie = "mp.auth";

    [Fact]
    public async Task A_sign_in_cookie_from_one_web_server_is_accepted_by_another_started_later_on_the_same_storage()
    {
        var cookies = new CookieContainer();
        using var first = Client(cluster.Web, cookies);
        var buyer = await ApiSession.SignUpAsync(first, "buyer", "Bea Two-Servers", TimeProvider.System);

        await using var second = cluster.StartWeb();
        using var secondClient = Client(second, cookies);
        var me = await buyer.ReadAsync(await secondClient.GetAsync("/api/v1/account/me"));

        Assert.Equal(buyer.UserId, me.GetProperty("userId").GetString());
    }

    [Fact]
    public async Task A_cookie_signed_under_another_key_ring_is_refused_as_signed_out_not_as_an_error()
    {
        var foreign = new EphemeralDataProtectionProvider();
        var cookie = new TicketDataFormat(foreign.CreateProtector(
                "Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", CookieAuthenticationDefaults.AuthenticationScheme, "v2"))
            .Protect(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "someone")], "Cookies")), "Cookies"));
        using var http = cluster.Web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        http.DefaultRequestHeaders.Add("Cookie", $"{AuthCookie}={cookie}");

        using var response = await http.GetAsync("/api/v1/account/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var protector = cluster.Web.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
        var refused = Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(foreign.CreateProtector("test").Protect(Encoding.UTF8.GetBytes("hello"))));
        Assert.Contains("was not found in the key ring", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_blob_among_the_keys_is_skipped_and_cookies_signed_before_still_work()
    {
        var cookies = new CookieContainer();
        using var first = Client(cluster.Web, cookies);
        var buyer = await ApiSession.SignUpAsync(first, "buyer", "Bea Broken-Blob", TimeProvider.System);
        var keys = cluster.Azurite.CreateBlobServiceClient().GetBlobContainerClient(StorageNames.Containers.DataProtectionKeys);
        await keys.GetBlobClient("damaged.xml").UploadAsync(BinaryData.FromString("<key id="), overwrite: true);

        await using var later = cluster.StartWeb();
        using var laterClient = Client(later, cookies);
        var me = await buyer.ReadAsync(await laterClient.GetAsync("/api/v1/account/me"));

        Assert.Equal(buyer.UserId, me.GetProperty("userId").GetString());
        var signUp = await ApiSession.SignUpAsync(laterClient, "creative", "Cai After-Damage", TimeProvider.System);
        Assert.False(string.IsNullOrEmpty(signUp.UserId));
    }

    /// <summary>A client of <paramref name="web"/> keeping cookies in <paramref name="cookies"/>, which another server's client may share.</summary>
    private static HttpClient Client(WebApplicationFactory<Program> web, CookieContainer cookies) =>
        web.CreateDefaultClient(new CookieContainerHandler(cookies));
}
