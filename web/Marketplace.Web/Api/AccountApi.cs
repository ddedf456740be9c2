using Marketplace.Contracts;
using Marketplace.Contracts.Accounts;
using Marketplace.Web.Accounts;
using Marketplace.Web.Extensions;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketplace.Web.Api;

public static class AccountApi
{
    /// <summary><see cref="TimeZone"/> (optional): the IANA zone the client is in, kept while the person has none set; an unknown one is ignored.</summary>
    public sealed record SignUpRequest(string? Email, string? Password, string? DisplayName, string? Role, string? TimeZone = null);

    /// <summary><see cref="TimeZone"/> (optional): as for sign-up, kept only while the person has none set.</summary>
    public sealed record SignInRequest(string? Email, string? Password, string? TimeZone = null);
    public sealed record Me(string UserId, string? DisplayName, string? Email, UserRoles Roles);
    public sealed record AntiforgeryToken(string Token, string HeaderName);
    public sealed record PasswordResetRequest(string? Email);
    public sealed record PasswordResetAnswer(string Message);
    public sealed record PasswordResetConfirmation(string? Token, string? Password);
    public sealed record PasswordChange(string? CurrentPassword, string? NewPassword);
    public sealed record EmailChange(string? CurrentPassword, string? NewEmail);
    public sealed record EmailChangeAnswer(string NewEmail, DateTimeOffset ExpiresAt, string Message);
    public sealed record EmailChangeConfirmation(string? Token);
    public sealed record AccountClosing(string? CurrentPassword);

    public static RouteGroupBuilder MapAccountApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/account").WithTags("Account");
        group.MapPost("/signup", SignUpAsync).RequireRateLimiting(WebExtensions.SignInLimit)
            .WithSummary("Create a buyer or creative account and sign in (sets the auth cookie).");
        group.MapPost("/signin", SignInAsync).RequireRateLimiting(WebExtensions.SignInLimit)
            .WithSummary("Sign in (sets the auth cookie). Locked for 15 minutes after 5 wrong passwords.");
        group.MapPost("/signout", SignOutAsync).RequireAuthorization();
        group.MapGet("/me", GetMe).RequireAuthorization().WithSummary("The signed-in person.");
        group.MapPost("/password-reset", RequestPasswordResetAsync).RequireRateLimiting(WebExtensions.SignInLimit)
            .WithSummary("Email a password-reset link (1 hour, single use). The same 202 whether or not an account uses the address.");
        group.MapPost("/password-reset/confirm", ConfirmPasswordResetAsync).RequireRateLimiting(WebExtensions.SignInLimit)
            .WithSummary("Set a new password with the token from the reset link; ends every session. 404 unknown link, 409 used or expired.");
        group.MapPost("/password", ChangePasswordAsync).RequireAuthorization().RequireRateLimiting(WebExtensions.SignInLimit)
            .WithSummary("Change your password, giving the current one; ends your other sessions and renews this one's cookie.");
        group.MapPost("/email", RequestEmailChangeAsync).RequireAuthorization().RequireRateLimiting(WebExtensions.SignInLimit)
            .WithSummary("Move sign-in to another address, giving the current password: a link (24 hours, single use) is emailed to the new address; nothing changes until it is followed.");
        group.MapPost("/email/confirm", ConfirmEmailChangeAsync).RequireRateLimiting(WebExtensions.SignInLimit)
            .WithSummary("Follow the email-change link: the account signs in with the new address and every session ends. 404 unknown link, 409 used, expired or the address taken meanwhile.");
        group.MapPost("/close", CloseAccountAsync).RequireAuthorization().RequireRateLimiting(WebExtensions.SignInLimit)
            .WithSummary("Close your account, giving the current password. 409 lists what still runs for you and what to do.");
        api.MapGet("/me/export", ExportAsync).RequireAuthorization().WithTags("Me").RequireRateLimiting(WebExtensions.SignInLimit)
            .WithSummary("Download your data: a JSON file of what Marketplace holds about you. Only for yourself.");
        group.MapGet("/antiforgery", GetAntiforgery)
            .WithSummary("A token for the X-XSRF-TOKEN header, required by the multipart upload endpoints.");
        return api;
    }

    private static async Task<Created<Me>> SignUpAsync(SignUpRequest request, AccountService accounts, HttpContext http)
    {
        var roles = request.Role?.ToLowerInvariant() switch
        {
            "buyer" => UserRoles.Buyer,
            "creative" => UserRoles.Creative,
            _ => throw MarketplaceException.Invalid("Set role to \"buyer\" or \"creative\"."),
        };
        var account = await accounts.SignUpAsync(http, request.Email, request.Password, request.DisplayName, roles, request.TimeZone);
        return TypedResults.Created("/api/v1/account/me", ToMe(account));
    }

    private static async Task<Ok<Me>> SignInAsync(SignInRequest request, AccountService accounts, HttpContext http)
    {
        var outcome = await accounts.SignInAsync(http, request.Email, request.Password, request.TimeZone);
        return outcome.Status switch
        {
            SignInStatus.Succeeded => TypedResults.Ok(ToMe(outcome.Account!)),
            SignInStatus.LockedOut => throw new AccountLockedException(outcome.Message, outcome.LockedUntil),
            SignInStatus.Removed or SignInStatus.Closed => throw MarketplaceException.Forbidden(outcome.Message),
            _ => throw MarketplaceException.Invalid(outcome.Message),
        };
    }

    private static async Task<Accepted<PasswordResetAnswer>> RequestPasswordResetAsync(PasswordResetRequest request, AccountService accounts)
    {
        await accounts.RequestPasswordResetAsync(request.Email);
        return TypedResults.Accepted((string?)null, new PasswordResetAnswer(AccountService.ResetRequested));
    }

    private static async Task<NoContent> ConfirmPasswordResetAsync(PasswordResetConfirmation request, AccountService accounts)
    {
        await accounts.ResetPasswordAsync(request.Token, request.Password);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<Me>> ChangePasswordAsync(PasswordChange request, AccountService accounts, HttpContext http) =>
        TypedResults.Ok(ToMe(await accounts.ChangePasswordAsync(http, request.CurrentPassword, request.NewPassword)));

    private static async Task<Accepted<EmailChangeAnswer>> RequestEmailChangeAsync(EmailChange request, AccountService accounts, IGrainFactory grains, ILogger<EmailChangeAnswer> logger, HttpContext http)
    {
        var requested = await accounts.RequestEmailChangeAsync(http, request.CurrentPassword, request.NewEmail);
        var zone = await CallerZone.OfAsync(grains, http, logger);
        return TypedResults.Accepted((string?)null, new EmailChangeAnswer(requested.NewEmail, requested.ExpiresAt, EmailChangeWords.Sent(requested, zone)));
    }

    private static async Task<Ok<Me>> ConfirmEmailChangeAsync(EmailChangeConfirmation request, AccountService accounts, HttpContext http) =>
        TypedResults.Ok(ToMe(await accounts.ConfirmEmailChangeAsync(http, request.Token)));

    private static async Task<NoContent> CloseAccountAsync(AccountClosing request, AccountService accounts, HttpContext http)
    {
        await accounts.CloseAccountAsync(http, request.CurrentPassword);
        return TypedResults.NoContent();
    }

    /// <summary>A download, named for the day, so a person keeps several apart.</summary>
    private static async Task<IResult> ExportAsync(AccountService accounts, HttpContext http)
    {
        var export = await accounts.ExportAsync(http);
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(export, ExportJson.Options);
        return TypedResults.File(json, "application/json", $"marketplace-data-{export.ExportedAt:yyyy-MM-dd}.json");
    }

    private static async Task<NoContent> SignOutAsync(AccountService accounts, HttpContext http)
    {
        await accounts.SignOutAsync(http);
        return TypedResults.NoContent();
    }

    private static Ok<Me> GetMe(HttpContext http)
    {
        var actor = http.User.RequireActor();
        return TypedResults.Ok(new Me(actor.UserId, http.User.Identity?.Name,
            http.User.FindFirst(System.Security.Claims.ClaimTypes.Email)?.Value, actor.Roles));
    }

    private static Ok<AntiforgeryToken> GetAntiforgery(IAntiforgery antiforgery, HttpContext http)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return TypedResults.Ok(new AntiforgeryToken(tokens.RequestToken!, tokens.HeaderName!));
    }

    private static Me ToMe(AccountInfo account) => new(account.UserId, account.DisplayName, account.Email, account.Roles);
}

/// <summary>Too many wrong passwords: answered 429 with when to try again (the message and <c>Retry-After</c>).</summary>
public sealed class AccountLockedException(string message, DateTimeOffset? lockedUntil) : Exception(message)
{
    public DateTimeOffset? LockedUntil { get; } = lockedUntil;
}
