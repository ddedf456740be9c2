using Marketplace.Contracts.Users;

namespace Marketplace.Grains.Users;

/// <summary>The one order of user lists for staff, so a part's answer and the merged answer agree.</summary>
internal static class UserSearchOrder
{
    public static IEnumerable<UserProfile> NewestFirst(IEnumerable<UserProfile> users) =>
        users.OrderByDescending(u => u.RegisteredAt).ThenBy(u => u.Id, StringComparer.Ordinal);
}
