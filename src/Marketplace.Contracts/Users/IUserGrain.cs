using Orleans.Concurrency;

namespace Marketplace.Contracts.Users;

/// <summary>
/// One signed-up person (key: user id, chosen by the web at sign-up; no '/' allowed).
/// Passwords live in the web; this grain holds who the person is, what they may be and whether they may act.
/// </summary>
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>
    /// Self sign-up. The actor must be this user (or <see cref="Actor.System"/> for the web's sign-up flow).
    /// Roles are buyer and/or creative; asking for staff is refused. Registering again with the same
    /// details returns the account; different details are a conflict.
    /// </summary>
    Task<UserProfile> RegisterAsync(Actor actor, UserRegistration registration);

    /// <summary>Creates or updates a staff account. Only <see cref="Actor.System"/> (the silo's seed from configuration).</summary>
    Task<UserProfile> SeedStaffAsync(Actor actor, UserRegistration registration);

    /// <summary>The full profile: only the person themselves and staff.</summary>
    Task<UserProfile> GetProfileAsync(Actor actor);

    /// <summary>The public card. Refused with NotFound when nobody registered under this id. Read-only, so other grains may call it at any time.</summary>
    [AlwaysInterleave]
    Task<UserCard> GetCardAsync();

    /// <summary>
    /// Only <see cref="Actor.System"/> (the notification inbox): the name and address to email. Read-only and interleaved
    /// like the card, so an inbox emailing while this user's removal is telling their wrap-ups can never deadlock.
    /// Refused with NotFound when nobody registered under this id.
    /// </summary>
    [AlwaysInterleave]
    Task<UserContact> GetContactAsync(Actor actor);

    /// <summary>Adds buyer or creative to the person's own roles (staff is refused).</summary>
    Task<UserProfile> AddRoleAsync(Actor actor, UserRoles role);

    /// <summary>Staff only: the user may no longer act until reinstated. A reason is required.</summary>
    Task<UserProfile> SuspendAsync(Actor actor, string reason);

    /// <summary>Staff only: a suspended user may act again. A removed user cannot be reinstated.</summary>
    Task<UserProfile> ReinstateAsync(Actor actor);

    /// <summary>
    /// Staff only, with a reason: the user is removed for good. Their entries leave every gallery and each open
    /// wrap-up they won is told (<c>IWrapUpGrain.WinnerRemovedAsync</c>) so it goes to the staff queue.
    /// Repeating the call finishes any step a failure interrupted.
    /// </summary>
    Task<UserProfile> RemoveAsync(Actor actor, string reason);

    /// <summary>
    /// Only <see cref="Actor.System"/> (the account grain, once the person followed the email-change link): the person's
    /// address is now <paramref name="email"/>, in the profile, the staff directory and where notifications are emailed.
    /// </summary>
    Task<UserProfile> ChangeEmailAsync(Actor actor, string email);

    /// <summary>
    /// What still runs for the person and stops them closing their account, each as a sentence saying what to do:
    /// a contest of theirs that is open, choosing or in its handover; an entry of theirs that can still win; a
    /// handover they won that has not ended. Empty when they may close it. Only the person and the system.
    /// </summary>
    Task<IReadOnlyList<string>> GetRunningAsync(Actor actor);

    /// <summary>
    /// Only <see cref="Actor.System"/> (the account grain, after checking the password): the person closes their account.
    /// Refused with Conflict listing <see cref="GetRunningAsync"/> while anything runs. Drafts are cancelled; then the
    /// status is Closed (by the person, no reason), so nothing more is done as them and their public profile is gone.
    /// Repeating it changes nothing. Staff accounts are Forbidden.
    /// </summary>
    Task<UserProfile> CloseAsync(Actor actor);
}
