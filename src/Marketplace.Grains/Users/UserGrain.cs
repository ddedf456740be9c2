using Marketplace.Contracts;
using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.Users;
using Marketplace.Contracts.WrapUps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marketplace.Grains.Users;

[GenerateSerializer]
public sealed class UserState
{
    [Id(0)] public UserProfile? Profile { get; set; }
}

/// <summary>
/// One person. Other grains read the card (interleaved, never blocked by a removal in progress); only this grain
/// changes the profile, and every change is copied to the staff directory.
/// </summary>
public sealed class UserGrain(
    [PersistentState("user", StorageNames.GrainStorage)] IPersistentState<UserState> user,
    IGrainFactory grains,
    [FromKeyedServices(MarketplaceClock.Key)] TimeProvider clock,
    IOptions<UserRulesOptions> rules) : Grain, IUserGrain, IRemindable
{
    private const UserRoles SelfChosenRoles = UserRoles.Buyer | UserRoles.Creative;

    /// <summary>Registered before a removal is saved and unregistered once its fan-out finished, so a silo dying half-way cannot leave it undone.</summary>
    public const string RemovalReminder = "removal";

    private string Id => this.GetPrimaryKeyString();

    public async Task<UserProfile> RegisterAsync(Actor actor, UserRegistration registration)
    {
        if (!actor.IsSystem && !actor.Is(Id))
        {
            throw MarketplaceException.Forbidden("You can only sign up yourself.");
        }

        if (registration.Roles.HasFlag(UserRoles.Staff))
        {
            throw MarketplaceException.Forbidden("Staff accounts are created by the marketplace's operators, not by sign-up.");
        }

        var wanted = Validated(registration, SelfChosenRoles);
        if (user.State.Profile is { } existing)
        {
            return SameDetails(existing, wanted)
                ? existing
                : throw MarketplaceException.Conflict("An account with this id already exists.");
        }

        return await SaveAsync(NewProfile(wanted));
    }

    public async Task<UserProfile> SeedStaffAsync(Actor actor, UserRegistration registration)
    {
        actor.RequireSystem("create staff accounts");
        var wanted = Validated(registration, UserRoles.Staff | SelfChosenRoles);
        var profile = user.State.Profile is { } existing
            ? existing with { DisplayName = wanted.DisplayName, Email = wanted.Email, Roles = existing.Roles | wanted.Roles | UserRoles.Staff }
            : NewProfile(wanted with { Roles = wanted.Roles | UserRoles.Staff });
        return profile == user.State.Profile ? profile : await SaveAsync(profile);
    }

    public async Task<UserProfile> GetProfileAsync(Actor actor)
    {
        var profile = RequireRegistered();
        if (actor.Is(Id))
        {
            return profile;
        }

        if (!actor.IsStaff)
        {
            throw MarketplaceException.Forbidden("Only the account holder and staff can see this profile.");
        }

        // A suspended staff member (or a staff claim the user grain does not back) reads nobody's profile.
        await grains.RequireStaffAsync(actor, "see another person's profile");
        return profile;
    }

    public Task<UserCard> GetCardAsync() => Task.FromResult(RequireRegistered().ToCard());

    public Task<UserContact> GetContactAsync(Actor actor)
    {
        actor.RequireSystem("read a person's email address");
        var profile = RequireRegistered();
        return Task.FromResult(new UserContact(profile.DisplayName, profile.Email));
    }

    public async Task<UserProfile> AddRoleAsync(Actor actor, UserRoles role)
    {
        var profile = RequireRegistered();
        if (!actor.Is(Id))
        {
            throw MarketplaceException.Forbidden("Only the account holder can add a role to their account.");
        }

        if (role is not (UserRoles.Buyer or UserRoles.Creative))
        {
            throw MarketplaceException.Forbidden("You can add the buyer or creative role; staff roles are given by the operators.");
        }

        RequireNotRemoved(profile);
        return profile.Roles.HasFlag(role) ? profile : await SaveAsync(profile with { Roles = profile.Roles | role });
    }

    public async Task<UserProfile> SuspendAsync(Actor actor, string reason)
    {
        var staff = await RequireStaffOtherThanSelfAsync(actor, "suspend users");
        var text = ActorChecks.RequireText(reason, "a reason", 1000);
        var profile = RequireRegistered();
        RequireNotRemoved(profile);
        return profile.Status == UserStatus.Suspended
            ? profile
            : await SaveAsync(WithStatus(profile, UserStatus.Suspended, text, staff.Id));
    }

    public async Task<UserProfile> ReinstateAsync(Actor actor)
    {
        var staff = await RequireStaffOtherThanSelfAsync(actor, "reinstate users");
        var profile = RequireRegistered();
        RequireNotRemoved(profile);
        return profile.Status == UserStatus.Active
            ? profile
            : await SaveAsync(WithStatus(profile, UserStatus.Active, null, staff.Id));
    }

    public async Task<UserProfile> RemoveAsync(Actor actor, string reason)
    {
        var staff = await RequireStaffOtherThanSelfAsync(actor, "remove users");
        var text = ActorChecks.RequireText(reason, "a reason", 1000);
        var profile = RequireRegistered();
        if (profile.Status != UserStatus.Removed)
        {
            // The reminder comes first: whatever happens after the removal is saved, it finishes the fan-out.
            var retry = rules.Value.RemovalRetryEvery;
            await this.RegisterOrUpdateReminder(RemovalReminder, retry, retry);
            profile = await SaveAsync(WithStatus(profile, UserStatus.Removed, text, staff.Id));
        }

        await FinishRemovalAsync(profile);
        return profile;
    }

    public async Task<UserProfile> ChangeEmailAsync(Actor actor, string email)
    {
        actor.RequireSystem("change a person's email address");
        var profile = RequireRegistered();
        var address = AccountEmail.Normalize(email) ?? throw MarketplaceException.Invalid($"'{email}' is not an email address.");
        return profile.Email == address ? profile : await SaveAsync(profile with { Email = address });
    }

    public async Task<IReadOnlyList<string>> GetRunningAsync(Actor actor)
    {
        if (!actor.IsSystem && !actor.Is(Id))
        {
            throw MarketplaceException.Forbidden("Only the account holder can see what stops them closing their account.");
        }

        RequireRegistered();
        var running = new List<string>();
        running.AddRange(await RunningAsBuyerAsync());
        running.AddRange(await EntriesThatCanWinAsync());
        running.AddRange(await HandoversWonStillRunningAsync());
        return running;
    }

    public async Task<UserProfile> CloseAsync(Actor actor)
    {
        actor.RequireSystem("close an account");
        var profile = RequireRegistered();
        if (profile.Status == UserStatus.Closed)
        {
            return profile;
        }

        RequireMayClose(profile);
        var running = await GetRunningAsync(actor);
        if (running.Count > 0)
        {
            throw MarketplaceException.Conflict("You cannot close your account while something still runs for you. " + string.Join(" ", running));
        }

        await CancelDraftsAsync(profile);
        return await SaveAsync(WithStatus(profile, UserStatus.Closed, null, Id));
    }

    /// <summary>Staff accounts come from configuration; a suspension is for staff to settle first, or closing would end it.</summary>
    private static void RequireMayClose(UserProfile profile)
    {
        if (profile.Roles.HasFlag(UserRoles.Staff))
        {
            throw MarketplaceException.Forbidden("Staff accounts come from the marketplace's configuration (Marketplace:Staff). Ask whoever runs the site to remove yours.");
        }

        if (profile.Status == UserStatus.Removed)
        {
            throw MarketplaceException.Conflict("This account was removed by Marketplace support and is already closed.");
        }

        if (profile.Status == UserStatus.Suspended)
        {
            throw MarketplaceException.Conflict($"Your account is suspended, so it cannot be closed now. Write to {SupportContact.Email} and support will settle the suspension with you first.");
        }
    }

    /// <summary>Each of the person's contests that is open, choosing a winner or in its handover, asked of the project itself (the summary may lag).</summary>
    private async Task<IEnumerable<string>> RunningAsBuyerAsync()
    {
        var running = new List<string>();
        foreach (var summary in await grains.GetGrain<IUserIndexGrain>(Id).GetProjectsAsync(Actor.System))
        {
            if (summary.State.IsTerminal() || summary.State == ProjectState.Draft)
            {
                continue;
            }

            var project = await grains.GetGrain<IProjectGrain>(summary.ProjectId).GetAsync(Actor.System);
            var title = project.Brief.Title;
            running.AddRange(project.State switch
            {
                ProjectState.Open => [$"Your contest {title} is still open: cancel it or wait until it ends."],
                ProjectState.Selecting => [$"Your contest {title} is waiting for you to choose a winner: award an entry, or wait until the selection deadline passes and the prize comes back to you."],
                ProjectState.Awarded => [$"The handover of your contest {title} has not ended: finish it with the winner, or ask Marketplace support for help on its page."],
                _ => [],
            });
        }

        return running;
    }

    private async Task<IEnumerable<string>> EntriesThatCanWinAsync() =>
        (await grains.GetGrain<IUserIndexGrain>(Id).GetEntriesAsync(Actor.System))
            .Where(entry => entry.Status.IsInGallery() && entry.Standing == EntryStanding.Running)
            .Select(entry => $"Your entry {(entry.Number is { } number ? $"#{number} " : "")}in {entry.ProjectTitle} can still win: withdraw it, or wait until the contest ends.");

    private async Task<IEnumerable<string>> HandoversWonStillRunningAsync()
    {
        var running = new List<string>();
        foreach (var won in await grains.GetGrain<IUserIndexGrain>(Id).GetWrapUpsWonAsync(Actor.System))
        {
            var project = await grains.GetGrain<IProjectGrain>(won.ProjectId).GetAsync(Actor.System);
            if (project.State == ProjectState.Awarded && project.ActiveWrapUpId == won.WrapUpId)
            {
                running.Add($"The handover of {project.Brief.Title}, which you won, has not ended: finish it, or ask Marketplace support for help on its page.");
            }
        }

        return running;
    }

    /// <summary>Drafts were never paid for or seen by anyone: they are cancelled as the person, before the account closes.</summary>
    private async Task CancelDraftsAsync(UserProfile profile)
    {
        var person = new Actor(Id, profile.Roles);
        foreach (var summary in await grains.GetGrain<IUserIndexGrain>(Id).GetProjectsAsync(Actor.System))
        {
            if (summary.State == ProjectState.Draft)
            {
                await grains.GetGrain<IProjectGrain>(summary.ProjectId).CancelAsync(person, "The buyer closed their account.");
            }
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != RemovalReminder)
        {
            return;
        }

        if (user.State.Profile is { Status: UserStatus.Removed } removed)
        {
            await FinishRemovalAsync(removed);
        }
        else
        {
            // The silo stopped between registering the reminder and saving the removal: nothing was removed.
            await StopRemovalReminderAsync();
        }
    }

    /// <summary>
    /// Everything a removal changes elsewhere, each step idempotent, so a repeated call or the reminder finishes what a
    /// failure interrupted: the person's entries leave galleries and the handovers they won go to staff (their creative
    /// side); their projects close with the prize refunded and the handovers they were buying go to staff (their buyer side).
    /// </summary>
    private async Task FinishRemovalAsync(UserProfile profile)
    {
        var staff = new Actor(profile.StatusChangedBy!, UserRoles.Staff);
        var reason = profile.StatusReason!;
        await EndSessionsAsync(profile);
        await RemoveEntriesFromGalleriesAsync(reason);
        await TellOpenWrapUpsAsync(staff, reason);
        await CloseProjectsAsBuyerAsync(staff, reason);
        await StopRemovalReminderAsync();
    }

    /// <summary>First, so a removed person can do nothing more through a session they already had, whatever else fails.</summary>
    private Task EndSessionsAsync(UserProfile profile) =>
        AccountEmail.Normalize(profile.Email) is { } key
            ? grains.GetGrain<IAccountGrain>(key).EndSessionsAsync(Actor.System)
            : Task.CompletedTask;

    private async Task StopRemovalReminderAsync()
    {
        if (await this.GetReminder(RemovalReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private async Task RemoveEntriesFromGalleriesAsync(string reason)
    {
        var index = grains.GetGrain<IUserIndexGrain>(Id);
        foreach (var entry in await index.GetEntriesAsync(Actor.System))
        {
            if (entry.Status.IsInGallery())
            {
                await grains.GetGrain<IEntryGrain>(entry.EntryId).CreativeRemovedAsync(Actor.System, reason);
            }
        }
    }

    /// <summary>A wrap-up is open while its project is awarded with it as the active wrap-up.</summary>
    private async Task TellOpenWrapUpsAsync(Actor staff, string reason)
    {
        var index = grains.GetGrain<IUserIndexGrain>(Id);
        foreach (var won in await index.GetWrapUpsWonAsync(Actor.System))
        {
            var project = await grains.GetGrain<IProjectGrain>(won.ProjectId).GetAsync(Actor.System);
            if (project.State == ProjectState.Awarded && project.ActiveWrapUpId == won.WrapUpId)
            {
                await grains.GetGrain<IWrapUpGrain>(won.WrapUpId).WinnerRemovedAsync(staff, reason, WinnerRemoval.Account);
            }
        }
    }

    /// <summary>
    /// Each project the person bought: the project closes itself while it has no winner; an awarded one's running
    /// handover is told here (the project never calls its wrap-up, which calls the project when it ends).
    /// </summary>
    private async Task CloseProjectsAsBuyerAsync(Actor staff, string reason)
    {
        var index = grains.GetGrain<IUserIndexGrain>(Id);
        foreach (var summary in await index.GetProjectsAsync(Actor.System))
        {
            if (summary.State.IsTerminal())
            {
                continue;
            }

            var project = await grains.GetGrain<IProjectGrain>(summary.ProjectId).BuyerRemovedAsync(Actor.System);
            if (project is { State: ProjectState.Awarded, ActiveWrapUpId: { } wrapUpId })
            {
                await grains.GetGrain<IWrapUpGrain>(wrapUpId).BuyerRemovedAsync(staff, reason);
            }
        }
    }

    private async Task<UserCard> RequireStaffOtherThanSelfAsync(Actor actor, string what)
    {
        if (actor.Is(Id))
        {
            throw MarketplaceException.Forbidden("Staff cannot change the status of their own account.");
        }

        return await grains.RequireStaffAsync(actor, what);
    }

    private UserProfile RequireRegistered() =>
        user.State.Profile ?? throw MarketplaceException.NotFound("No user is registered under this id.");

    private static void RequireNotRemoved(UserProfile profile)
    {
        if (profile.Status.IsGone())
        {
            throw MarketplaceException.Conflict($"This account was {(profile.Status == UserStatus.Closed ? "closed" : "removed")} and cannot change any more.");
        }
    }

    private static UserRegistration Validated(UserRegistration registration, UserRoles allowed)
    {
        var name = ActorChecks.RequireText(registration.DisplayName, "a display name", 80);
        var email = ActorChecks.RequireText(registration.Email, "an email address", 254).ToLowerInvariant();
        if (email.Count(c => c == '@') != 1 || email.StartsWith('@') || email.EndsWith('@') || email.Any(char.IsWhiteSpace))
        {
            throw MarketplaceException.Invalid($"'{registration.Email}' is not an email address.");
        }

        var roles = registration.Roles & allowed;
        return roles == UserRoles.None
            ? throw MarketplaceException.Invalid("Choose at least one role: buyer or creative.")
            : new UserRegistration(name, email, roles);
    }

    private static bool SameDetails(UserProfile profile, UserRegistration registration) =>
        profile.DisplayName == registration.DisplayName && profile.Email == registration.Email &&
        (profile.Roles & SelfChosenRoles) == registration.Roles;

    private UserProfile NewProfile(UserRegistration registration) =>
        new(Id, registration.DisplayName, registration.Email, registration.Roles, UserStatus.Active, null, null, null, clock.GetUtcNow());

    private UserProfile WithStatus(UserProfile profile, UserStatus status, string? reason, string by) =>
        profile with { Status = status, StatusReason = reason, StatusChangedAt = clock.GetUtcNow(), StatusChangedBy = by };

    private async Task<UserProfile> SaveAsync(UserProfile profile)
    {
        user.State.Profile = profile;
        await user.SaveAsync(this);
        await grains.GetGrain<IUserDirectoryGrain>(IUserDirectoryGrain.Key).RecordAsync(Actor.System, profile);
        return profile;
    }
}
