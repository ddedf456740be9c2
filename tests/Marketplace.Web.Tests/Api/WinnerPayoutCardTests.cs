using System.Net;
using Marketplace.Contracts.WrapUps;
using Marketplace.Web.Presentation;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// The winner's handover page while the prize is held: the payout card says what they will receive after the fee (not
/// only the gross prize), and the review card says the date the files are approved by if the buyer stays quiet.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class WinnerPayoutCardTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task While_the_prize_is_held_the_winner_reads_what_they_will_receive_after_the_fee()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Harbour cafe logo", "Hugo Holder", "Wanda Winner");

        var creativePage = WebUtility.HtmlDecode(await h.Creative.Http.GetStringAsync(h.PagePath));
        // $300 prize, 15% fee (the test settings): $255, the amount the brief promised the winner.
        Assert.Contains("<p class=\"mt-05\" data-payout-promise><strong>You receive $255 (the prize less the 15% marketplace fee) when the handover completes.</strong></p>", creativePage);

        var buyerPage = WebUtility.HtmlDecode(await h.Buyer.Http.GetStringAsync(h.PagePath));
        Assert.DoesNotContain("data-payout-promise", buyerPage);
    }

    [Fact]
    public async Task Once_paid_the_winner_reads_what_was_paid_and_no_promise()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Olive Owner");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Paul Paid");
        var wrapUpId = await CompletedHandover.CompleteAsync(buyer, creative, "Orchard sign");

        var page = WebUtility.HtmlDecode(await creative.Http.GetStringAsync("/wrapups/" + wrapUpId));

        Assert.DoesNotContain("data-payout-promise", page);
        Assert.Contains("Paid out: $255 (the prize less the $45 marketplace fee).", page);
    }

    [Fact]
    public async Task While_the_buyer_reviews_the_winner_reads_the_date_the_files_are_approved_automatically()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Bakery van livery", "Rita Reviewer", "Ned Notified");
        var due = (await h.Grain.GetAsync(h.BuyerActor)).Deadlines.Single(d => d.Kind == WrapUpDeadlineKind.AutoRelease).DueAt;

        var page = WebUtility.HtmlDecode(await h.Creative.Http.GetStringAsync(h.PagePath));

        var expected = $"Rita Reviewer is reviewing your files. If they don't answer, the files are approved automatically "
            + $"{Display.Relative(due, DateTimeOffset.UtcNow)} (<time datetime=\"{due.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}\">{Display.DateTime(due, TimeZoneInfo.Utc)}</time>).";
        Assert.Contains(expected, page);
    }
}
