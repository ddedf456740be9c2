using System.Security.Cryptography;
using Marketplace.Contracts;
using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Users;
using Microsoft.Extensions.Logging;

namespace Marketplace.Grains.Accounts;

/// <summary>
/// Moving an account to another address. The account grain is keyed by the address, so a move writes a second grain:
/// this one is first saved as moved (from then on it signs nobody in), then the new address's grain becomes the account
/// (same user id and password hash, a new security stamp, so every session ends), then the profile follows and the old
/// address is told. A durable reminder, registered before the first write, finishes a move a crash cut off, and
/// following the link again does too; each step is idempotent. The record left here only forwards.
/// </summary>
public sealed partial class AccountGrain
{
    public const string MoveReminder = "email-move";

    private static readonly TimeSpan MoveRetryEvery = TimeSpan.FromMinutes(1);

    /// <summary>Someone else may not take this address: an account signs in here, or one is still moving away from it.</summary>
    private bool IsTaken => account.RecordExists && !(account.State.MovedTo is not null && account.State.MoveFinished);

    public Task<bool> IsTakenAsync() => Task.FromResult(IsTaken);

    public async Task<EmailChangeRequested> RequestEmailChangeAsync(Actor actor, string currentPassword, string newEmail)
    {
        RequireHolder(actor, "change its email address");
        RequireNotStaff("Staff addresses are set in the marketplace's configuration (Marketplace:Staff). Ask whoever runs the site to change yours.");
        var target = AccountEmail.Normalize(newEmail)
            ?? throw MarketplaceException.Invalid("Enter a valid email address, like name@example.com.");
        if (target == Email)
            throw MarketplaceException.Invalid("That is already your address. Enter the new one.");
        await RequireCurrentPasswordAsync(currentPassword);
        await RequireNotRemovedAsync();
        await RequireFreeAsync(target);

        var now = time.GetUtcNow();
        var token = EmailChangeTokens.Create(Email, RandomNumberGenerator.GetBytes(LinkTokens.SecretBytes));
        var link = new EmailChangeLink(target, TokenHashes.Of(token), now, now.AddHours(AccountRules.EmailChangeLinkHours), null);
        account.State = account.State with { EmailChange = link, FailedAttempts = 0 };
        await account.SaveAsync(this);
        await sender.SendAsync(AccountEmails.ConfirmNewAddress(target, account.State.DisplayName, Email, token, link.ExpiresAt, await RecipientZoneAsync(), emailOptions.Value));
        return new EmailChangeRequested(target, link.ExpiresAt);
    }

    public async Task<string> CheckEmailChangeAsync(string token) => (await UsableEmailChangeAsync(token)).NewEmail;

    public async Task<AccountInfo> ConfirmEmailChangeAsync(string token)
    {
        if (account.State.MovedTo is not null && account.State.EmailChange is { } started && TokenHashes.Matches(started.TokenSha256, token))
        {
            // The link was followed before: finish whatever is left (a crash cut it off), or say it is done.
            return account.State.MoveFinished
                ? throw MarketplaceException.Conflict($"This link was already used: your account signs in with {account.State.MovedTo} now.")
                : await FinishMoveAsync();
        }

        var link = await UsableEmailChangeAsync(token);
        await RequireFreeAsync(link.NewEmail);
        await this.RegisterOrUpdateReminder(MoveReminder, MoveRetryEvery, MoveRetryEvery);
        account.State = account.State with
        {
            EmailChange = link with { UsedAt = time.GetUtcNow() },
            MovedTo = link.NewEmail,
            MoveFinished = false,
        };
        await account.SaveAsync(this);
        return await FinishMoveAsync();
    }

    public async Task<AccountInfo> ReceiveMovedAccountAsync(Actor actor, MovedAccount moved)
    {
        actor.RequireSystem("move an account to another address");
        if (SignsIn && account.State.UserId == moved.UserId)
            return Info();
        if (IsTaken)
            throw MarketplaceException.Conflict("That address already has a Marketplace account. Your address stays as it was; sign in with it as before.");

        account.State = new AccountState
        {
            UserId = moved.UserId,
            DisplayName = moved.DisplayName,
            Roles = moved.Roles,
            PasswordHash = moved.PasswordHash,
            CreatedAt = moved.CreatedAt,
            PasswordChanges = moved.PasswordChanges,
            SecurityStamp = NewSecurityStamp(),
        };
        await account.WriteStateAsync();
        return Info();
    }

    private async Task FinishMoveIfUnfinishedAsync()
    {
        if (account.State.MovedTo is not null && !account.State.MoveFinished)
            await FinishMoveAsync();
        else
            await StopMoveReminderAsync();
    }

    /// <summary>Every step after this address stopped signing in, each safe to repeat.</summary>
    private async Task<AccountInfo> FinishMoveAsync()
    {
        var target = account.State.MovedTo!;
        AccountInfo moved;
        try
        {
            moved = await GrainFactory.GetGrain<IAccountGrain>(target).ReceiveMovedAccountAsync(Actor.System, Moving());
        }
        catch (MarketplaceException refused) when (refused.Kind == ErrorKind.Conflict)
        {
            // Someone signed up with the address after the link was sent: the account stays here and signs in again.
            account.State = account.State with { MovedTo = null, MoveFinished = false };
            await account.SaveAsync(this);
            await StopMoveReminderAsync();
            throw;
        }

        await User.ChangeEmailAsync(Actor.System, target);
        await sender.SendAsync(AccountEmails.AddressChanged(Email, account.State.DisplayName, target, time.GetUtcNow(), await RecipientZoneAsync(), emailOptions.Value));
        account.State = account.State with { MoveFinished = true };
        await account.SaveAsync(this);
        await StopMoveReminderAsync();
        return moved;
    }

    private MovedAccount Moving() => new(Email, account.State.UserId, account.State.DisplayName, account.State.Roles,
        account.State.PasswordHash, account.State.CreatedAt, account.State.PasswordChanges);

    private async Task StopMoveReminderAsync()
    {
        if (await this.GetReminder(MoveReminder) is { } reminder)
            await this.UnregisterReminder(reminder);
    }

    private async Task RequireFreeAsync(string target)
    {
        if (await GrainFactory.GetGrain<IAccountGrain>(target).IsTakenAsync())
            throw MarketplaceException.Conflict("That address already has a Marketplace account. Use another address, or close that account first.");
    }

    private void RequireNotStaff(string why)
    {
        if (account.State.Roles.HasFlag(UserRoles.Staff))
            throw MarketplaceException.Forbidden(why);
    }

    /// <summary>The latest email-change link, when this token is it and it is unused, unexpired and the account may still change.</summary>
    private async Task<EmailChangeLink> UsableEmailChangeAsync(string token)
    {
        if (!SignsIn || account.State.EmailChange is not { } link || !TokenHashes.Matches(link.TokenSha256, token))
            throw MarketplaceException.NotFound(EmailChangeTokens.NotValid);
        if (link.UsedAt is not null)
            throw MarketplaceException.Conflict("This link was already used. If your address did not change, ask again on your account page.");
        if (time.GetUtcNow() >= link.ExpiresAt)
            throw MarketplaceException.Conflict($"This link has expired: links work for {AccountRules.EmailChangeLinkHours} hours. Sign in with your current address and ask again on your account page.");
        await RequireNotRemovedAsync();
        return link;
    }

    /// <summary>
    /// The zone the account holder reads times in, kept by their inbox (asked as the holder: it is their setting); UTC,
    /// labelled, when none is set or the inbox cannot answer, so the email still goes.
    /// </summary>
    private async Task<TimeZoneInfo> RecipientZoneAsync()
    {
        try
        {
            var holder = new Actor(account.State.UserId, UserRoles.None);
            return LocalTimes.ZoneOrUtc(await GrainFactory.GetGrain<INotificationInboxGrain>(account.State.UserId).GetTimeZoneAsync(holder));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogZoneUnread(logger, e, account.State.UserId);
            return TimeZoneInfo.Utc;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The time zone of user {UserId} could not be read; their account email gives times in UTC")]
    private static partial void LogZoneUnread(ILogger logger, Exception exception, string userId);
}
