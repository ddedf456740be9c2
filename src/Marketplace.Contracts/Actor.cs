namespace Marketplace.Contracts;

/// <summary>What a signed-in person may be. One account can be both buyer and creative; staff come from seed/config.</summary>
[Flags]
public enum UserRoles
{
    None = 0,
    Buyer = 1,
    Creative = 2,
    Staff = 4,
}

/// <summary>
/// Who is calling a grain method. The web passes the signed-in user; grains decide what that user may do.
/// <see cref="System"/> is for reminders and grain-to-grain calls that no person made.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Actor([property: Id(0)] string UserId, [property: Id(1)] UserRoles Roles)
{
    public static readonly Actor System = new("system", UserRoles.None);

    public bool IsStaff => Roles.HasFlag(UserRoles.Staff);
    public bool IsSystem => UserId == System.UserId;
    public bool Is(string userId) => !IsSystem && UserId == userId;
}
