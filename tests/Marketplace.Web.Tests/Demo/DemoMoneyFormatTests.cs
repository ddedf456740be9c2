using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Contracts;
using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Projects;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Demo;

/// <summary>
/// One money format everywhere: every page of the demo a visitor, the buyers, the creatives and staff open shows
/// amounts as "$420" or "$1,250.50", never "420.00 USD", "$420.00" or "USD 420" (pages and the notices listed on them).
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed partial class DemoMoneyFormatTests(MarketplaceAppFixture app)
{
    private static readonly string[] Projects = ["p-demo-crumb", "p-demo-honey", "p-demo-spokes", "p-demo-jazz", "p-demo-lotus", "p-demo-tide", "p-demo-kite", "p-demo-sail"];

    [Fact]
    public async Task Every_demo_page_shows_money_as_dollars_without_zero_cents_or_currency_codes()
    {
        await app.DemoSeeded;
        var handovers = new List<string>();
        foreach (var id in Projects)
        {
            if ((await app.Grains.GetGrain<IProjectGrain>(id).GetAsync(Actor.System)).ActiveWrapUpId is { } wrapUpId) handovers.Add(wrapUpId);
        }

        Assert.NotEmpty(handovers);
        string[] common = ["/", "/projects", "/help", .. Projects.Select(p => "/projects/" + p), "/notifications"];
        var dev = (await app.Grains.GetGrain<IAccountGrain>("dev@demo.marketplace").GetAsync())!.UserId;
        var bea = (await app.Grains.GetGrain<IAccountGrain>("bea@demo.marketplace").GetAsync())!.UserId;
        // What staff read answering "I wasn't paid" or "Can I get an invoice?".
        string[] people = ["/staff/users/" + dev, $"/staff/users/{dev}/earnings", "/staff/users/" + bea, "/buyer/projects/p-demo-fern/receipt"];
        var readers = new (string Email, string[] Pages)[]
        {
            ("bea@demo.marketplace", [.. common, "/buyer/projects", "/buyer/projects/new", "/buyer/projects/p-demo-fern/receipt", "/buyer/projects/p-demo-quay/receipt", .. handovers.Select(w => "/wrapups/" + w)]),
            ("oscar@demo.marketplace", [.. common, "/buyer/projects", .. handovers.Select(w => "/wrapups/" + w)]),
            ("dev@demo.marketplace", [.. common, "/creative/entries", "/creative/earnings", .. handovers.Select(w => "/wrapups/" + w)]),
            ("mira@demo.marketplace", [.. common, "/creative/entries", .. handovers.Select(w => "/wrapups/" + w)]),
            ("cora@demo.marketplace", [.. common, "/creative/entries", .. handovers.Select(w => "/wrapups/" + w)]),
            (MarketplaceAppFixture.DemoStaffEmail, [.. common, "/staff", .. people, .. handovers.Select(w => "/staff/cases/" + w), .. handovers.Select(w => "/wrapups/" + w)]),
        };

        var amountsSeen = 0;
        foreach (var (email, pages) in readers)
        {
            using var session = await ApiSession.SignInAsync(app, email, DemoSeeder.Password);
            foreach (var path in pages)
            {
                var response = await session.Http.GetAsync(path);
                if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound) continue; // not theirs to read
                Assert.True(response.IsSuccessStatusCode, $"{email} {path}: {(int)response.StatusCode}");
                var text = VisibleText(await response.Content.ReadAsStringAsync());
                var wrong = OtherMoneyFormat().Matches(text).Select(m => m.Value).ToList();
                Assert.True(wrong.Count == 0, $"{email} reads {string.Join(", ", wrong.Distinct())} on {path}");
                amountsSeen += OurMoneyFormat().Matches(text).Count;
            }
        }

        Assert.True(amountsSeen > 50, $"only {amountsSeen} amounts seen on the demo pages");
    }

    /// <summary>The page's text as a person reads it: no tags, scripts or attribute values (a currency picker's "USD" option is a value).</summary>
    private static string VisibleText(string html)
    {
        var body = Regex.Replace(html, "<(script|style|select)[\\s\\S]*?</\\1>", " ");
        return WebUtility.HtmlDecode(Regex.Replace(body, "<[^>]+>", " "));
    }

    [GeneratedRegex(@"\d[\d,]*\.\d{2}\s*(USD|EUR|GBP)\b|\b(USD|EUR|GBP)\s*\d|[$€£]\d[\d,]*\.00\b")]
    private static partial Regex OtherMoneyFormat();

    [GeneratedRegex(@"\$\d[\d,]*(\.\d{2})?")]
    private static partial Regex OurMoneyFormat();
}
