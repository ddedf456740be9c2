using Marketplace.Contracts.WrapUps;
using Marketplace.Grains.Tests.WrapUps;

namespace Marketplace.Grains.Tests.Mediation;

/// <summary>The landing page of a delivery link reads it without using it; the token names its own wrap-up.</summary>
[Collection(ClusterCollection.Name)]
public sealed class DeliveryLinkPeekTests(ClusterFixture fixture)
{
    private static readonly ThirdPartyRecipient Printer = new("Quick Print Ltd", "orders@quickprint.example");

    [Fact]
    public async Task Peeking_shows_title_and_files_and_leaves_the_link_usable()
    {
        var h = await Handover.AwardedAsync(fixture);
        FinalFile[] files = [Finals.Image("logo.png"), Finals.Document("logo.pdf")];
        await h.DeliverAsync(files);
        await h.CaseClaimedAsync("Please send the files to my printer.");
        var link = await h.Grain.CreateDeliveryLinkAsync(h.Staff, Printer, TimeSpan.FromDays(2), h.For(h.Buyer));

        var first = await h.Grain.PeekDeliveryLinkAsync(link.Token);
        var second = await h.Grain.PeekDeliveryLinkAsync(link.Token);

        Assert.Equal(files.Select(f => f.File), first.Files.Select(f => f.File));
        Assert.Equal(first.Files.Select(f => f.File), second.Files.Select(f => f.File));
        Assert.Equal(link.ExpiresAt, first.ExpiresAt);
        Assert.False(string.IsNullOrWhiteSpace(first.ProjectTitle));
        Assert.Null(Assert.Single((await h.Grain.GetAsync(h.Staff)).DeliveryLinks).UsedAt);
        Assert.True(DeliveryLinkTokens.TryReadWrapUpId(link.Token, out var named));
        Assert.Equal(link.WrapUpId, named);

        Assert.Null(first.UsedAt);
        Assert.Null(first.ResumableUntil);
        var used = await h.Grain.RedeemDeliveryLinkAsync(link.Token, null);
        Assert.Equal(used.UsedAt, (await h.Grain.PeekDeliveryLinkAsync(link.Token)).UsedAt);
        await Refused.WithAsync(ErrorKind.NotFound, () => h.Grain.PeekDeliveryLinkAsync(link.Token + "x"));
    }

    [Fact]
    public async Task Peeking_an_expired_link_is_refused()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.DeliverAsync();
        await h.CaseClaimedAsync();
        var link = await h.Grain.CreateDeliveryLinkAsync(h.Staff, Printer, TimeSpan.FromHours(1), h.For(h.Buyer));

        fixture.Clock.Advance(TimeSpan.FromHours(1));

        await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.PeekDeliveryLinkAsync(link.Token));
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-dot-here")]
    [InlineData(".secret")]
    [InlineData("!!!.secret")]
    public void Tokens_that_cannot_be_ours_name_no_wrap_up(string token) =>
        Assert.False(DeliveryLinkTokens.TryReadWrapUpId(token, out _));
}
