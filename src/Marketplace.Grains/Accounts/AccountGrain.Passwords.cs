using System.Security.Cryptography;
using Marketplace.Contracts;
using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Users;
using Marketplace.Grains.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace Marketplace.Grains.Accounts;

/// <summary>
/// Forgotten and changed passwords. A reset link is a <see cref="PasswordResetTokens"/> token with 32 random bytes,
/// stored only as its hash, valid for an hour, used once; a newer request replaces it. Setting a password either way
/// follows the sign-up rule, clears the lockout, replaces the security stamp (so every session from before ends) and
/// tells the person in their inbox and by email, so a stranger's change does not go unnoticed.
/// </summary>
public sealed partial class AccountGrain
{
    public async Task RequestPasswordResetAsync()
    {
        var now = time.GetUtcNow();
        if (!SignsIn || IsResetEmailedSince(now.AddMinutes(-AccountRules.ResetEmailSpacingMinutes)))
        {
            return;
        }

        try
        {
            var card = await User.GetCardAsync();
            if (card.Status.IsGone() || card.Roles.HasFlag(UserRoles.Staff))
            {
                return;
            }

            var token = PasswordResetTokens.Create(Email, RandomNumberGenerator.GetBytes(LinkTokens.SecretBytes));
            var link = new PasswordResetLink(TokenHashes.Of(token), now, now.AddMinutes(AccountRules.ResetLinkMinutes), null);
            account.State = account.State with { ResetLink = link };
            await account.SaveAsync(this);
            await sender.SendAsync(AccountEmails.ResetLink(Email, card.DisplayName, token, link.ExpiresAt, await RecipientZoneAsync(), emailOptions.Value));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nobody waits for this call: the person who asked sees no error and can ask again.
            LogResetNotSent(logger, e, account.State.UserId);
        }
    }

    public async Task<DateTimeOffset> CheckPasswordResetAsync(string token) => (await UsableResetLinkAsync(token)).ExpiresAt;

    public async Task<AccountInfo> ResetPasswordAsync(string token, string newPassword)
    {
        var link = await UsableResetLinkAsync(token);
        RequirePasswordRules(newPassword);
        await SetPasswordAsync(newPassword, link with { UsedAt = time.GetUtcNow() });
        return Info();
    }

    public async Task<AccountInfo> ChangePasswordAsync(Actor actor, string currentPassword, string newPassword)
    {
        RequireHolder(actor, "change its password");
        if (account.State.Roles.HasFlag(UserRoles.Staff))
            throw MarketplaceException.Forbidden("Staff passwords are set in the marketplace's configuration (Marketplace:Staff). Ask whoever runs the site to change yours.");
        RequireNotLockedAt(time.GetUtcNow());
        RequirePasswordRules(newPassword);
        await RequireCurrentPasswordAsync(currentPassword);

        await RequireNotRemovedAsync();
        // A pending reset link is no longer wanted: the person knows their password.
        await SetPasswordAsync(newPassword, resetLink: null);
        return Info();
    }

    public Task<bool> IsSessionCurrentAsync(string securityStamp, string? sessionId = null) =>
        // The stamp comes from an encrypted, signed cookie, so it cannot be guessed at: a plain comparison will do.
        Task.FromResult(SignsIn && account.State.SecurityStamp.Length > 0 && account.State.SecurityStamp == securityStamp
            && (sessionId is null || !account.State.EndedSessions.ContainsKey(sessionId)));

    public async Task EndSessionAsync(string sessionId)
    {
        if (!account.RecordExists || string.IsNullOrEmpty(sessionId) || sessionId.Length > AccountRules.MaxSessionIdLength
            || account.State.EndedSessions.ContainsKey(sessionId))
            return;

        var now = time.GetUtcNow();
        var remembered = account.State.EndedSessions
            .Where(ended => ended.Value > now.AddDays(-AccountRules.SessionDays))
            .ToDictionary();
        remembered[sessionId] = now;
        // Too many sign-outs to remember: ending every session is the safe way to forget them.
        account.State = remembered.Count > AccountRules.MaxEndedSessions
            ? account.State with { SecurityStamp = NewSecurityStamp(), EndedSessions = [] }
            : account.State with { EndedSessions = remembered };
        await account.SaveAsync(this);
    }

    public async Task EndSessionsAsync(Actor actor)
    {
        actor.RequireSystem("end an account's sessions");
        if (!account.RecordExists)
            return;

        account.State = account.State with { SecurityStamp = NewSecurityStamp(), EndedSessions = [] };
        await account.SaveAsync(this);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => reminderName switch
    {
        NoticeOutbox.RetryReminder => NoticeOutbox.RetryAsync(this, GrainFactory, account.State.PendingNotices, () => account.SaveAsync(this), logger, "Account of " + account.State.UserId),
        MoveReminder => FinishMoveIfUnfinishedAsync(),
        _ => Task.CompletedTask,
    };

    private bool IsResetEmailedSince(DateTimeOffset since) => account.State.ResetLink is { } link && link.IssuedAt > since;

    /// <summary>The latest reset link, when this token is it and it is unused, unexpired and the account not removed.</summary>
    private async Task<PasswordResetLink> UsableResetLinkAsync(string token)
    {
        if (!SignsIn || account.State.ResetLink is not { } link || !TokenHashes.Matches(link.TokenSha256, token))
            throw MarketplaceException.NotFound(PasswordResetTokens.NotValid);
        if (link.UsedAt is not null)
            throw MarketplaceException.Conflict("This reset link was already used. If you still cannot sign in, ask for a new one.");
        if (time.GetUtcNow() >= link.ExpiresAt)
            throw MarketplaceException.Conflict($"This reset link has expired: links work for {AccountRules.ResetLinkMinutes} minutes. Ask for a new one.");
        await RequireNotRemovedAsync();
        return link;
    }

    private void RequireNotLockedAt(DateTimeOffset now)
    {
        if (IsLockedAt(now))
            throw MarketplaceException.Conflict(new SignInOutcome(SignInStatus.LockedOut, null, account.State.LockedUntil).Message);
    }

    private async Task RequireNotRemovedAsync()
    {
        var status = (await User.GetCardAsync()).Status;
        if (status.IsGone())
            throw MarketplaceException.Forbidden(new SignInOutcome(status == UserStatus.Closed ? SignInStatus.Closed : SignInStatus.Removed, null, null).Message);
    }

    /// <summary>Only the person this account signs in, while it still signs anyone in.</summary>
    private void RequireHolder(Actor actor, string what)
    {
        if (!SignsIn || !actor.Is(account.State.UserId))
            throw MarketplaceException.Forbidden($"Only the account holder can {what}.");
    }

    /// <summary>A wrong current password counts toward the lockout like a wrong sign-in; refused while locked.</summary>
    private async Task RequireCurrentPasswordAsync(string? currentPassword)
    {
        var now = time.GetUtcNow();
        RequireNotLockedAt(now);
        if (Hasher.VerifyHashedPassword(account.State, account.State.PasswordHash, currentPassword ?? "") == PasswordVerificationResult.Failed)
        {
            await RecordFailureAsync(now);
            RequireNotLockedAt(now);
            throw MarketplaceException.Invalid("Your current password is not right. Type it again; if you forgot it, sign out and use “Forgot your password?”.");
        }
    }

    /// <summary>The new password, no lockout, a new stamp (older sessions end) and the notice, in one write; the notice goes to the inbox after it.</summary>
    private async Task SetPasswordAsync(string newPassword, PasswordResetLink? resetLink)
    {
        var now = time.GetUtcNow();
        var changes = account.State.PasswordChanges + 1;
        account.State.PendingNotices.Add(new PendingNotice(account.State.UserId, new NewNotification(
            $"account/password-changed/{changes}", NotificationKinds.PasswordChanged,
            $"Your password was changed on {NoticeWords.When(now)}. If that was not you, reset it now with “Forgot your password?” on the sign-in page and write to help@marketplace.example.",
            "/account", now)));
        account.State = account.State with
        {
            PasswordHash = Hasher.HashPassword(account.State, newPassword),
            FailedAttempts = 0,
            LockedUntil = null,
            SecurityStamp = NewSecurityStamp(),
            EndedSessions = [],
            ResetLink = resetLink,
            PasswordChanges = changes,
        };
        await account.SaveAsync(this);
        await NoticeOutbox.HandOverAsync(this, GrainFactory, account.State.PendingNotices, () => account.SaveAsync(this), logger, "Account of " + account.State.UserId);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The password-reset email of user {UserId} was not sent; they can ask again")]
    private static partial void LogResetNotSent(ILogger logger, Exception exception, string userId);
}
