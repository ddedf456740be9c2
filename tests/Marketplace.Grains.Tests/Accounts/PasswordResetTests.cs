using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Users;
using Marketplace.Grains.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Marketplace.Grains.Tests.Accounts;

/// <summary>"Forgot your password?": the emailed link, its hour, its single use, and who gets one.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PasswordResetTests(ClusterFixture fixture)
{
    [Fact]
    public async Task The_emailed_link_sets_a_new_password_and_the_old_one_stops_working()
    {
        var email = Accounts.NewEmail();
        await fixture.SignedUpAsync(email);

        var token = await fixture.ResetTokenAsync(email);
        await fixture.Account(email).ResetPasswordAsync(token, Accounts.NewPassword);

        Assert.Equal(SignInStatus.Failed, (await fixture.Account(email).SignInAsync(Accounts.Password)).Status);
        Assert.Equal(SignInStatus.Succeeded, (await fixture.Account(email).SignInAsync(Accounts.NewPassword)).Status);
    }

    [Fact]
    public async Task The_emailed_link_gives_its_expiry_in_the_recipients_own_zone_and_in_UTC_for_one_who_set_none()
    {
        var kolkata = Accounts.NewEmail();
        var plain = Accounts.NewEmail();
        var person = await fixture.SignedUpAsync(kolkata);
        await fixture.SignedUpAsync(plain);
        await fixture.Grains.GetGrain<INotificationInboxGrain>(person.UserId).SetTimeZoneAsync(new Actor(person.UserId, person.Roles), "Asia/Kolkata");

        foreach (var (email, zone, label) in new[] { (kolkata, "Asia/Kolkata", "IST"), (plain, "UTC", "UTC") })
        {
            var token = await fixture.ResetTokenAsync(email);
            var expires = await fixture.Account(email).CheckPasswordResetAsync(token);
            var local = TimeZoneInfo.ConvertTime(expires, TimeZoneInfo.FindSystemTimeZoneById(zone));
            var body = Assert.Single(MailPickup.To(fixture.MailFolder, email), m => m.TextBody?.Contains(Uri.EscapeDataString(token), StringComparison.Ordinal) == true).TextBody;
            Assert.Contains($"The link works once, until {local.ToString("ddd d MMM, HH:mm", CultureInfo.InvariantCulture)} {label} ({AccountRules.ResetLinkMinutes} minutes).",
                body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_link_carries_32_random_bytes_and_the_account_stores_only_its_hash()
    {
        var email = Accounts.NewEmail();
        await fixture.SignedUpAsync(email);

        var token = await fixture.ResetTokenAsync(email);

        Assert.True(PasswordResetTokens.TryReadEmail(token, out var named));
        Assert.Equal(email, named);
        Assert.Equal(LinkTokens.SecretBytes, Convert.FromBase64String(Base64(token[(token.IndexOf('.') + 1)..])).Length);
        var stored = await StoredStateAsync(email);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token))), stored.ResetLink!.TokenSha256);
        Assert.DoesNotContain(token[(token.IndexOf('.') + 1)..], JsonSerializer.Serialize(stored));
    }

    [Fact]
    public async Task A_link_works_once()
    {
        var email = Accounts.NewEmail();
        await fixture.SignedUpAsync(email);
        var token = await fixture.ResetTokenAsync(email);
        await fixture.Account(email).ResetPasswordAsync(token, Accounts.NewPassword);

        var used = await Refused.WithAsync(ErrorKind.Conflict, () => fixture.Account(email).ResetPasswordAsync(token, "someone else's password"));
        await Refused.WithAsync(ErrorKind.Conflict, () => fixture.Account(email).CheckPasswordResetAsync(token));

        Assert.Contains("already used", used);
        Assert.Equal(SignInStatus.Succeeded, (await fixture.Account(email).SignInAsync(Accounts.NewPassword)).Status);
    }

    [Fact]
    public async Task A_link_expires_after_an_hour_and_says_to_ask_for_a_new_one()
    {
        var email = Accounts.NewEmail();
        await fixture.SignedUpAsync(email);
        var token = await fixture.ResetTokenAsync(email);
        var expiresAt = await fixture.Account(email).CheckPasswordResetAsync(token);
        Assert.Equal(fixture.Clock.GetUtcNow().AddMinutes(AccountRules.ResetLinkMinutes), expiresAt);

        fixture.Clock.Advance(TimeSpan.FromMinutes(AccountRules.ResetLinkMinutes));

        var expired = await Refused.WithAsync(ErrorKind.Conflict, () => fixture.Account(email).ResetPasswordAsync(token, Accounts.NewPassword));
        Assert.Contains("expired", expired);
        Assert.Contains("Ask for a new one", expired);
        Assert.Equal(SignInStatus.Succeeded, (await fixture.Account(email).SignInAsync(Accounts.Password)).Status);
    }

    [Fact]
    public async Task A_newer_request_replaces_the_earlier_link()
    {
        var email = Accounts.NewEmail();
        await fixture.SignedUpAsync(email);
        var first = await fixture.ResetTokenAsync(email);
        fixture.Clock.Advance(TimeSpan.FromMinutes(AccountRules.ResetEmailSpacingMinutes + 1));

        var second = await fixture.ResetTokenAsync(email);

        Assert.NotEqual(first, second);
        await Refused.WithAsync(ErrorKind.NotFound, () => fixture.Account(email).ResetPasswordAsync(first, Accounts.NewPassword));
        await fixture.Account(email).ResetPasswordAsync(second, Accounts.NewPassword);
    }

    [Fact]
    public async Task A_second_request_within_a_minute_sends_nothing_and_the_first_link_still_works()
    {
        var email = Accounts.NewEmail();
        await fixture.SignedUpAsync(email);
        var token = await fixture.ResetTokenAsync(email);

        await fixture.RequestResetAndWaitAsync(email);

        Assert.Single(ResetMail.TokensIn(MailPickup.To(fixture.MailFolder, email)));
        await fixture.Account(email).ResetPasswordAsync(token, Accounts.NewPassword);
    }

    [Fact]
    public async Task An_unknown_email_gets_the_same_answer_and_nothing_is_sent_or_stored()
    {
        var email = Accounts.NewEmail();

        await fixture.RequestResetAndWaitAsync(email);

        Assert.Empty(MailPickup.To(fixture.MailFolder, email));
        Assert.Null(await fixture.Account(email).GetAsync());
    }

    [Fact]
    public async Task A_removed_account_gets_no_link_and_an_earlier_link_no_longer_works()
    {
        var email = Accounts.NewEmail();
        var account = await fixture.SignedUpAsync(email, UserRoles.Creative);
        var earlier = await fixture.ResetTokenAsync(email);
        await fixture.Grains.GetGrain<IUserGrain>(account.UserId).RemoveAsync(await fixture.Grains.StaffAsync(), "Copied other people's work.");
        fixture.Clock.Advance(TimeSpan.FromMinutes(AccountRules.ResetEmailSpacingMinutes + 1));

        await fixture.RequestResetAndWaitAsync(email);

        Assert.Equal([earlier], ResetMail.TokensIn(MailPickup.To(fixture.MailFolder, email)));
        var refused = await Refused.WithAsync(ErrorKind.Forbidden, () => fixture.Account(email).ResetPasswordAsync(earlier, Accounts.NewPassword));
        Assert.Contains("closed", refused);
    }

    [Fact]
    public async Task A_staff_account_gets_no_link_because_its_password_comes_from_configuration()
    {
        var email = Accounts.NewEmail();
        await fixture.Account(email).EnsureStaffAsync(Actor.System, new NewAccount(email, Accounts.Password, "Sam Staff", UserRoles.Staff));

        await fixture.RequestResetAndWaitAsync(email);

        Assert.Empty(MailPickup.To(fixture.MailFolder, email));
    }

    [Fact]
    public async Task Setting_a_password_through_a_link_clears_the_lockout()
    {
        var email = Accounts.NewEmail();
        await fixture.SignedUpAsync(email);
        for (var i = 0; i < AccountRules.MaxFailedAttempts; i++)
            await fixture.Account(email).SignInAsync("wrong password " + i);
        Assert.Equal(SignInStatus.LockedOut, (await fixture.Account(email).SignInAsync(Accounts.Password)).Status);

        await fixture.Account(email).ResetPasswordAsync(await fixture.ResetTokenAsync(email), Accounts.NewPassword);

        Assert.Equal(SignInStatus.Succeeded, (await fixture.Account(email).SignInAsync(Accounts.NewPassword)).Status);
    }

    [Theory]
    [InlineData("too short")]
    [InlineData("")]
    public async Task A_password_that_breaks_the_sign_up_rule_is_refused_and_the_link_stays_usable(string weak)
    {
        var email = Accounts.NewEmail();
        await fixture.SignedUpAsync(email);
        var token = await fixture.ResetTokenAsync(email);

        var refused = await Refused.WithAsync(ErrorKind.Invalid, () => fixture.Account(email).ResetPasswordAsync(token, weak));
        var longest = await Refused.WithAsync(ErrorKind.Invalid, () => fixture.Account(email).ResetPasswordAsync(token, new string('x', AccountRules.MaxPasswordLength + 1)));

        Assert.Contains($"at least {AccountRules.MinPasswordLength} characters", refused);
        Assert.Contains($"at most {AccountRules.MaxPasswordLength} characters", longest);
        await fixture.Account(email).ResetPasswordAsync(token, Accounts.NewPassword);
    }

    [Fact]
    public async Task A_token_for_another_account_or_a_forged_one_is_not_valid()
    {
        var email = Accounts.NewEmail();
        var other = Accounts.NewEmail();
        await fixture.SignedUpAsync(email);
        await fixture.SignedUpAsync(other);
        var othersToken = await fixture.ResetTokenAsync(other);
        var token = await fixture.ResetTokenAsync(email);

        foreach (var wrong in new[] { othersToken, token + "x", token[..^1], PasswordResetTokens.Create(email, new byte[LinkTokens.SecretBytes]), "", "not-a-token" })
        {
            var refused = await Refused.WithAsync(ErrorKind.NotFound, () => fixture.Account(email).ResetPasswordAsync(wrong, Accounts.NewPassword));
            Assert.Contains("ask for a new one", refused);
        }

        await fixture.Account(email).ResetPasswordAsync(token, Accounts.NewPassword);
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-dot-here")]
    [InlineData(".secret")]
    [InlineData("!!!.secret")]
    [InlineData("Tm90IEFuIEVtYWls.c2VjcmV0")] // "Not An Email"
    public void Tokens_that_cannot_be_ours_name_no_account(string token) =>
        Assert.False(PasswordResetTokens.TryReadEmail(token, out _));

    [Fact]
    public async Task A_reset_ends_every_session_from_before_it()
    {
        var email = Accounts.NewEmail();
        var before = await fixture.SignedUpAsync(email);
        Assert.True(await fixture.Account(email).IsSessionCurrentAsync(before.SecurityStamp));

        var after = await fixture.Account(email).ResetPasswordAsync(await fixture.ResetTokenAsync(email), Accounts.NewPassword);

        Assert.NotEqual(before.SecurityStamp, after.SecurityStamp);
        Assert.False(await fixture.Account(email).IsSessionCurrentAsync(before.SecurityStamp));
        Assert.True(await fixture.Account(email).IsSessionCurrentAsync(after.SecurityStamp));
        Assert.Equal(after.SecurityStamp, (await fixture.Account(email).SignInAsync(Accounts.NewPassword)).Account!.SecurityStamp);
    }

    [Fact]
    public async Task After_a_reset_the_person_is_told_on_the_site_and_by_email_that_their_password_changed()
    {
        var email = Accounts.NewEmail();
        var account = await fixture.SignedUpAsync(email);

        await fixture.Account(email).ResetPasswordAsync(await fixture.ResetTokenAsync(email), Accounts.NewPassword);

        var notice = Assert.Single(await fixture.Grains.NoticesAsync(new Actor(account.UserId, account.Roles)), n => n.Kind == NotificationKinds.PasswordChanged);
        Assert.StartsWith("Your password was changed", notice.Text);
        Assert.Equal("/account", notice.Link);
        var mail = await MailPickup.WaitForAsync(fixture.MailFolder, email, count: 2);
        var told = Assert.Single(mail, m => m.Subject?.StartsWith("Your password was changed", StringComparison.Ordinal) == true);
        Assert.Contains("Forgot your password?", told.TextBody ?? "");
        Assert.Contains("it concerns your account", told.TextBody ?? "");
    }

    private static string Base64(string base64Url) =>
        base64Url.Replace('-', '+').Replace('_', '/') + new string('=', (4 - base64Url.Length % 4) % 4);

    /// <summary>What the silo's grain storage holds for the account, read around the grain.</summary>
    private async Task<AccountState> StoredStateAsync(string email)
    {
        var storage = fixture.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StorageNames.GrainStorage);
        var state = new GrainState<AccountState>();
        await storage.ReadStateAsync("account", GrainId.Create("account", email), state);
        return state.State ?? throw new InvalidOperationException($"No account state stored for {email}.");
    }
}
