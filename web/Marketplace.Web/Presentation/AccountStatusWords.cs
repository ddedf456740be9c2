using Marketplace.Contracts.Users;

namespace Marketplace.Web.Presentation;

/// <summary>An account's status as staff read it: who ended an account matters (a closure is the person's own choice, a removal staff's).</summary>
public static class AccountStatusWords
{
    public static string Of(UserStatus status) => status switch
    {
        UserStatus.Removed => "Removed by staff",
        UserStatus.Closed => "Closed by the person",
        _ => status.ToString(),
    };

    /// <summary>The badge's colour class.</summary>
    public static string Badge(UserStatus status) => status switch
    {
        UserStatus.Active => "ok",
        UserStatus.Suspended => "warn",
        _ => "bad",
    };

    /// <summary>When the status last changed and why, as the staff pages list it: a closure has no reason to give.</summary>
    public static string? Change(UserProfile user, ViewerTime local) => user switch
    {
        { Status: UserStatus.Closed, StatusChangedAt: { } at } => $"Closed by the person on {local.Text(at)}.",
        { StatusReason: { } why } => $"{Of(user.Status)} {(user.StatusChangedAt is { } at ? local.Text(at) : "")}: {why}",
        _ => null,
    };
}
