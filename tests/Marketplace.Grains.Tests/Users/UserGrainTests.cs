using Marketplace.Grains.Users;
using Marketplace.Contracts.Users;

namespace Marketplace.Grains.Tests.Users;

[Collection(ClusterCollection.Name)]
public sealed class UserGrainTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private static UserRegistration Registration(UserRoles roles = UserRoles.Buyer) => new("Ada Lovelace", "Ada@Example.com", roles);

    [Fact]
    public async Task Sign_up_creates_an_active_account_with_the_chosen_roles()
    {
        var id = ClusterFixture.NewId("user");

        var profile = await Grains.GetGrain<IUserGrain>(id).RegisterAsync(new Actor(id, UserRoles.None), Registration(UserRoles.Buyer | UserRoles.Creative));

        Assert.Equal(UserStatus.Active, profile.Status);
        Assert.Equal(UserRoles.Buyer | UserRoles.Creative, profile.Roles);
        Assert.Equal("ada@example.com", profile.Email);
        Assert.Equal(fixture.Clock.GetUtcNow(), profile.RegisteredAt);
    }

    [Fact]
    public async Task Sign_up_as_staff_is_refused()
    {
        var id = ClusterFixture.NewId("user");

        var message = await Refused.WithAsync(ErrorKind.Forbidden,
            () => Grains.GetGrain<IUserGrain>(id).RegisterAsync(new Actor(id, UserRoles.None), Registration(UserRoles.Staff | UserRoles.Buyer)));

        Assert.Contains("Staff", message);
        await Refused.WithAsync(ErrorKind.NotFound, () => Grains.GetGrain<IUserGrain>(id).GetCardAsync());
    }

    [Fact]
    public async Task Nobody_signs_up_someone_else()
    {
        var other = await Grains.BuyerAsync();

        await Refused.WithAsync(ErrorKind.Forbidden,
            () => Grains.GetGrain<IUserGrain>(ClusterFixture.NewId("user")).RegisterAsync(other, Registration()));
    }

    [Fact]
    public async Task Signing_up_again_with_the_same_details_returns_the_account_but_other_details_conflict()
    {
        var id = ClusterFixture.NewId("user");
        var user = Grains.GetGrain<IUserGrain>(id);
        var first = await user.RegisterAsync(Actor.System, Registration());

        var again = await user.RegisterAsync(Actor.System, Registration());
        await Refused.WithAsync(ErrorKind.Conflict, () => user.RegisterAsync(Actor.System, Registration() with { DisplayName = "Someone Else" }));

        Assert.Equal(first, again);
    }

    [Theory]
    [InlineData("", "a@b.c", UserRoles.Buyer)]
    [InlineData("Ada", "not-an-email", UserRoles.Buyer)]
    [InlineData("Ada", "a@b.c", UserRoles.None)]
    public async Task Invalid_sign_ups_are_refused_with_a_reason(string name, string email, UserRoles roles)
    {
        var id = ClusterFixture.NewId("user");

        await Refused.WithAsync(ErrorKind.Invalid,
            () => Grains.GetGrain<IUserGrain>(id).RegisterAsync(Actor.System, new UserRegistration(name, email, roles)));
    }

    [Fact]
    public async Task Only_the_marketplace_seeds_staff()
    {
        var buyer = await Grains.BuyerAsync();
        var staff = await Grains.StaffAsync();

        await Refused.WithAsync(ErrorKind.Forbidden,
            () => Grains.GetGrain<IUserGrain>(buyer.UserId).SeedStaffAsync(buyer, Registration(UserRoles.Staff)));
        await Refused.WithAsync(ErrorKind.Forbidden,
            () => Grains.GetGrain<IUserGrain>(ClusterFixture.NewId("user")).SeedStaffAsync(staff, Registration(UserRoles.Staff)));

        Assert.True((await Grains.GetGrain<IUserGrain>(staff.UserId).GetCardAsync()).Roles.HasFlag(UserRoles.Staff));
    }

    [Fact]
    public async Task The_profile_is_for_the_account_holder_and_staff_while_the_card_is_public()
    {
        var buyer = await Grains.BuyerAsync();
        var creative = await Grains.CreativeAsync();
        var staff = await Grains.StaffAsync();
        var user = Grains.GetGrain<IUserGrain>(buyer.UserId);

        Assert.Equal(buyer.UserId, (await user.GetProfileAsync(buyer)).Id);
        Assert.Equal(buyer.UserId, (await user.GetProfileAsync(staff)).Id);
        await Refused.WithAsync(ErrorKind.Forbidden, () => user.GetProfileAsync(creative));
        Assert.Equal("Bea Buyer", (await user.GetCardAsync()).DisplayName);
    }

    [Fact]
    public async Task A_person_may_add_the_creative_role_but_never_staff()
    {
        var buyer = await Grains.BuyerAsync();
        var user = Grains.GetGrain<IUserGrain>(buyer.UserId);

        var profile = await user.AddRoleAsync(buyer, UserRoles.Creative);
        await Refused.WithAsync(ErrorKind.Forbidden, () => user.AddRoleAsync(buyer, UserRoles.Staff));

        Assert.Equal(UserRoles.Buyer | UserRoles.Creative, profile.Roles);
    }

    [Fact]
    public async Task Staff_suspend_and_reinstate_with_the_reason_and_time_recorded()
    {
        var creative = await Grains.CreativeAsync();
        var staff = await Grains.StaffAsync();
        var user = Grains.GetGrain<IUserGrain>(creative.UserId);

        var suspended = await user.SuspendAsync(staff, "Spam comments");
        var reinstated = await user.ReinstateAsync(staff);

        Assert.Equal(UserStatus.Suspended, suspended.Status);
        Assert.Equal("Spam comments", suspended.StatusReason);
        Assert.Equal(staff.UserId, suspended.StatusChangedBy);
        Assert.Equal(UserStatus.Active, reinstated.Status);
    }

    [Fact]
    public async Task Moderation_is_refused_to_non_staff_to_forged_staff_claims_and_to_staff_on_themselves()
    {
        var creative = await Grains.CreativeAsync();
        var buyer = await Grains.BuyerAsync();
        var staff = await Grains.StaffAsync();
        var user = Grains.GetGrain<IUserGrain>(creative.UserId);

        await Refused.WithAsync(ErrorKind.Forbidden, () => user.SuspendAsync(buyer, "dislike"));
        await Refused.WithAsync(ErrorKind.Forbidden, () => user.RemoveAsync(buyer with { Roles = UserRoles.Staff }, "forged"));
        await Refused.WithAsync(ErrorKind.Forbidden, () => Grains.GetGrain<IUserGrain>(staff.UserId).RemoveAsync(staff, "self"));
        await Refused.WithAsync(ErrorKind.Invalid, () => user.SuspendAsync(staff, " "));

        Assert.Equal(UserStatus.Active, (await user.GetCardAsync()).Status);
    }

    [Fact]
    public async Task A_removed_user_stays_removed()
    {
        var creative = await Grains.CreativeAsync();
        var staff = await Grains.StaffAsync();
        var user = Grains.GetGrain<IUserGrain>(creative.UserId);

        var removed = await user.RemoveAsync(staff, "Repeated plagiarism");
        await Refused.WithAsync(ErrorKind.Conflict, () => user.ReinstateAsync(staff));
        await Refused.WithAsync(ErrorKind.Conflict, () => user.AddRoleAsync(creative, UserRoles.Buyer));

        Assert.Equal(UserStatus.Removed, removed.Status);
        Assert.Equal("Repeated plagiarism", removed.StatusReason);
        Assert.Equal(fixture.Clock.GetUtcNow(), removed.StatusChangedAt);
    }

    [Fact]
    public async Task The_directory_lists_users_by_status_for_staff_only()
    {
        var creative = await Grains.CreativeAsync();
        var staff = await Grains.StaffAsync();
        await Grains.GetGrain<IUserGrain>(creative.UserId).SuspendAsync(staff, "Checking identity");
        var directory = Grains.GetGrain<IUserDirectoryGrain>(IUserDirectoryGrain.Key);

        var all = await directory.SearchAsync(staff, null, limit: UserDirectoryGrain.MaxSearchResults);
        var suspended = await directory.SearchAsync(staff, null, UserStatus.Suspended, UserDirectoryGrain.MaxSearchResults);
        await Refused.WithAsync(ErrorKind.Forbidden, () => directory.SearchAsync(creative, null));

        Assert.Contains(all.Users, u => u.Id == staff.UserId);
        Assert.Contains(suspended.Users, u => u.Id == creative.UserId && u.StatusReason == "Checking identity");
        Assert.All(suspended.Users, u => Assert.Equal(UserStatus.Suspended, u.Status));
    }

    [Fact]
    public async Task A_search_merges_every_part_of_the_directory_newest_first_and_counts_all_matches()
    {
        var staff = await Grains.StaffAsync();
        var word = "Parted" + Guid.NewGuid().ToString("N")[..6];
        var made = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            made.Add((await Grains.CreativeAsync($"{word} {i}")).UserId);
            fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var directory = Grains.GetGrain<IUserDirectoryGrain>(IUserDirectoryGrain.Key);
        var five = await directory.SearchAsync(staff, word, limit: 5);

        Assert.True(made.Select(UserDirectoryParts.For).Distinct().Count() > 1, "Twelve users all fell in one part of the directory.");
        Assert.Equal(12, five.Total);
        Assert.Equal(Enumerable.Reverse(made).Take(5), five.Users.Select(u => u.Id));
    }

    [Fact]
    public async Task Only_the_marketplace_itself_reads_or_writes_a_part_of_the_directory()
    {
        var staff = await Grains.StaffAsync();
        var creative = await Grains.CreativeAsync();
        var part = Grains.GetGrain<IUserDirectoryPartGrain>(UserDirectoryParts.For(creative.UserId));
        var profile = await Grains.GetGrain<IUserGrain>(creative.UserId).GetProfileAsync(staff);

        await Refused.WithAsync(ErrorKind.Forbidden, () => part.SearchAsync(staff, null, null, 10));
        await Refused.WithAsync(ErrorKind.Forbidden, () => part.RecordAsync(staff, profile with { DisplayName = "Renamed" }));
        await Refused.WithAsync(ErrorKind.Forbidden, () => Grains.GetGrain<IUserDirectoryGrain>(IUserDirectoryGrain.Key).RecordAsync(staff, profile));
        Assert.Contains((await part.SearchAsync(Actor.System, creative.UserId, null, 10)).Users, u => u == profile);
    }

    [Fact]
    public async Task Staff_search_the_directory_by_name_or_email_and_get_the_newest_first_up_to_a_limit()
    {
        var staff = await Grains.StaffAsync();
        var word = "Quill" + Guid.NewGuid().ToString("N")[..6];
        var older = await Grains.CreativeAsync(word + " Older");
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var newer = await Grains.CreativeAsync(word + " Newer");
        var directory = Grains.GetGrain<IUserDirectoryGrain>(IUserDirectoryGrain.Key);

        var both = await directory.SearchAsync(staff, word.ToLowerInvariant());
        var first = await directory.SearchAsync(staff, word, limit: 1);
        var byId = await directory.SearchAsync(staff, older.UserId);

        Assert.Equal([newer.UserId, older.UserId], both.Users.Select(u => u.Id));
        Assert.Equal(2, first.Total);
        Assert.Equal(newer.UserId, Assert.Single(first.Users).Id);
        Assert.Equal(older.UserId, Assert.Single(byId.Users).Id);
        Assert.Empty((await directory.SearchAsync(staff, word, UserStatus.Removed)).Users);
        await Refused.WithAsync(ErrorKind.Invalid, () => directory.SearchAsync(staff, word, limit: 0));
        await Refused.WithAsync(ErrorKind.Forbidden, () => directory.SearchAsync(newer, word));
    }
}
