using Marketplace.Contracts;
using Marketplace.Contracts.Users;

namespace Marketplace.Testing.Cluster;

/// <summary>Registers people through the real user grains, so tests act as users that exist and are active.</summary>
public static class Actors
{
    public static async Task<Actor> BuyerAsync(this IGrainFactory grains, string? name = null) =>
        await RegisterAsync(grains, ClusterFixture.NewId("buyer"), name ?? "Bea Buyer", UserRoles.Buyer);

    public static async Task<Actor> CreativeAsync(this IGrainFactory grains, string? name = null) =>
        await RegisterAsync(grains, ClusterFixture.NewId("creative"), name ?? "Cai Creative", UserRoles.Creative);

    /// <summary>Staff come from the silo's seed path (<see cref="Actor.System"/>), never from sign-up.</summary>
    public static async Task<Actor> StaffAsync(this IGrainFactory grains, string? name = null)
    {
        var id = ClusterFixture.NewId("staff");
        var profile = await grains.GetGrain<IUserGrain>(id)
            .SeedStaffAsync(Actor.System, new UserRegistration(name ?? "Sam Staff", $"{id}@staff.example", UserRoles.Staff));
        return new Actor(profile.Id, profile.Roles);
    }

    public static async Task<Actor> RegisterAsync(this IGrainFactory grains, string id, string name, UserRoles roles)
    {
        var profile = await grains.GetGrain<IUserGrain>(id)
            .RegisterAsync(new Actor(id, roles), new UserRegistration(name, $"{id}@example.com", roles));
        return new Actor(profile.Id, profile.Roles);
    }
}
