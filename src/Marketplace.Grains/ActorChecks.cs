using Marketplace.Contracts;
using Marketplace.Contracts.Users;

namespace Marketplace.Grains;

/// <summary>
/// Checks of the acting person shared by the grains. Roles in <see cref="Actor"/> come from the web's sign-in; the
/// user grain is asked as well, so a suspended or removed person, or a stale staff claim, is refused here.
/// </summary>
internal static class ActorChecks
{
    public static void RequireSystem(this Actor actor, string what)
    {
        if (!actor.IsSystem)
        {
            throw MarketplaceException.Forbidden($"Only the marketplace itself can {what}.");
        }
    }

    /// <summary>The actor is a registered, active user holding <paramref name="role"/>; returns their card.</summary>
    public static async Task<UserCard> RequireActiveAsync(this IGrainFactory grains, Actor actor, UserRoles role, string what)
    {
        if (actor.IsSystem)
        {
            throw MarketplaceException.Forbidden($"A signed-in person must {what}.");
        }

        var card = await CardOfAsync(grains, actor.UserId)
            ?? throw MarketplaceException.Forbidden($"Sign up before you {what}.");
        if (card.Status != UserStatus.Active)
        {
            throw MarketplaceException.Forbidden($"Your account is {card.Status.ToString().ToLowerInvariant()}, so you cannot {what}. Contact support.");
        }

        if (role != UserRoles.None && !card.Roles.HasFlag(role))
        {
            throw MarketplaceException.Forbidden($"Only a {role.ToString().ToLowerInvariant()} can {what}.");
        }

        return card;
    }

    /// <summary>The actor is an active staff member according to their user grain.</summary>
    public static Task<UserCard> RequireStaffAsync(this IGrainFactory grains, Actor actor, string what) =>
        actor.IsStaff
            ? grains.RequireActiveAsync(actor, UserRoles.Staff, what)
            : throw MarketplaceException.Forbidden($"Only staff can {what}.");

    public static async Task<UserCard?> CardOfAsync(IGrainFactory grains, string userId)
    {
        try
        {
            return await grains.GetGrain<IUserGrain>(userId).GetCardAsync();
        }
        catch (MarketplaceException e) when (e.Kind == ErrorKind.NotFound)
        {
            return null;
        }
    }

    public static string RequireText(string? text, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw MarketplaceException.Invalid($"Please give {field}.");
        }

        var trimmed = text.Trim();
        return trimmed.Length <= maxLength
            ? trimmed
            : throw MarketplaceException.Invalid($"{char.ToUpperInvariant(field[0])}{field[1..]} is too long (at most {maxLength} characters).");
    }
}
