using Marketplace.Contracts.Accounts;

namespace Marketplace.Grains.Tests.Accounts;

/// <summary>People with accounts, and the reset links the silo emails them (read from the fixture's mail pickup folder).</summary>
internal static class Accounts
{
    public const string Password = "correct horse battery";
    public const string NewPassword = "a brand new sentence";

    public static string NewEmail() => $"person-{Guid.NewGuid():N}@example.com";

    public static IAccountGrain Account(this ClusterFixture fixture, string email) => fixture.Grains.GetGrain<IAccountGrain>(email);

    public static async Task<AccountInfo> SignedUpAsync(this ClusterFixture fixture, string email, UserRoles roles = UserRoles.Buyer) =>
        await fixture.Account(email).RegisterAsync(new NewAccount(email, Password, "Rae Reset", roles));

    /// <summary>Asks for a reset link and returns the token from the email that arrives for it.</summary>
    public static async Task<string> ResetTokenAsync(this ClusterFixture fixture, string email)
    {
        var before = MailPickup.To(fixture.MailFolder, email);
        fixture.Account(email).RequestPasswordResetAsync().Ignore();
        var after = await MailPickup.WaitForAsync(fixture.MailFolder, email, before.Count + 1);
        return Assert.Single(ResetMail.TokensIn(after).Except(ResetMail.TokensIn(before)));
    }

    /// <summary>Asks for a reset link and waits until the account handled the request (it answers nothing: one-way).</summary>
    public static async Task RequestResetAndWaitAsync(this ClusterFixture fixture, string email)
    {
        var handled = HandledCalls.NextAsync(email, nameof(IAccountGrain.RequestPasswordResetAsync));
        fixture.Account(email).RequestPasswordResetAsync().Ignore();
        await handled;
    }
}
