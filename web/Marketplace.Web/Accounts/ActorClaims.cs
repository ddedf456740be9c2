using System.Security.Claims;
using Marketplace.Contracts;
using Marketplace.Contracts.Accounts;

namespace Marketplace.Web.Accounts;

/// <summary>Turns an account into cookie claims and the signed-in user back into the <see cref="Actor"/> grains expect.</summary>
public static class ActorClaims
{
    public const string RolesClaim = "marketplace:roles";

    /// <summary>The account's security stamp at sign-in; a session whose stamp is no longer the account's has ended (<see cref="SessionStamps"/>).</summary>
    public const string StampClaim = "marketplace:stamp";

    /// <summary>A random id per sign-in, so signing out ends this session on the server and no other (<see cref="SessionStamps"/>).</summary>
    public const string SessionClaim = "marketplace:session";

    public static ClaimsPrincipal ToPrincipal(AccountInfo account, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.UserId),
            new(ClaimTypes.Name, account.DisplayName),
            new(ClaimTypes.Email, account.Email),
            new(RolesClaim, ((int)account.Roles).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(StampClaim, account.SecurityStamp),
            new(SessionClaim, Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))),
        };
        claims.AddRange(Enum.GetValues<UserRoles>()
            .Where(r => r != UserRoles.None && account.Roles.HasFlag(r))
            .Select(r => new Claim(ClaimTypes.Role, r.ToString())));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>Who an anonymous visitor is to the grains: no roles and an id no account can have.</summary>
    public static readonly Actor Visitor = new("visitor", UserRoles.None);

    /// <summary>The signed-in person, or <see cref="Visitor"/>, for reads anyone may make.</summary>
    public static Actor ToViewer(this ClaimsPrincipal user) => user.ToActor() ?? Visitor;

    /// <summary>The signed-in person, or null for an anonymous visitor.</summary>
    public static Actor? ToActor(this ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (user.Identity?.IsAuthenticated != true || string.IsNullOrEmpty(id)) return null;
        _ = int.TryParse(user.FindFirstValue(RolesClaim), out var roles);
        return new Actor(id, (UserRoles)roles);
    }

    /// <summary>The signed-in person; endpoints that call this require authentication, so null is a bug.</summary>
    public static Actor RequireActor(this ClaimsPrincipal user) =>
        user.ToActor() ?? throw MarketplaceException.Forbidden("Sign in first.");

    public static bool HasRole(this ClaimsPrincipal user, UserRoles role) => user.ToActor()?.Roles.HasFlag(role) == true;
}
