using System.Net;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// A visitor deciding whether to trust the marketplace reads, from the home page, what happens when no design suits
/// them or the files are wrong: no award means a full refund, changes and a pause before the automatic approval, and a
/// dispute that staff decide while the prize stays in escrow.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class HelpPageTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task A_visitor_reads_from_the_home_page_how_a_buyer_is_protected_when_no_design_or_the_files_are_not_right()
    {
        using var visitor = app.NewApiClient();
        var home = WebUtility.HtmlDecode(await visitor.GetStringAsync("/"));
        Assert.Contains("<a href=\"/help#protection\">how you are protected</a>", home, StringComparison.Ordinal);

        var help = WebUtility.HtmlDecode(await visitor.GetStringAsync("/help"));
        Assert.Contains("<h2 id=\"protection\">If no design or the files are not right</h2>", help, StringComparison.Ordinal);
        Assert.Contains("Award none. When your time to choose ends, the prize comes back to you in full", help, StringComparison.Ordinal);
        Assert.Contains("Ask the winner for changes on the handover page", help, StringComparison.Ordinal);
        Assert.Contains("Pause that automatic approval while you talk it through.", help, StringComparison.Ordinal);
        Assert.Contains("Open a dispute with your reasons and photos. The creative answers, then our staff decide", help, StringComparison.Ordinal);
    }
}
