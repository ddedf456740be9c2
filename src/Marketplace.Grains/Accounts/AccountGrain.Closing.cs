using Marketplace.Contracts;
using Marketplace.Contracts.Accounts;

namespace Marketplace.Grains.Accounts;

/// <summary>
/// The person closes their own account. The password is checked here (so it counts toward the lockout); the user grain
/// owns what may still be running and closes the profile; then every session ends. A crash between the two leaves a
/// closed profile whose sessions can no longer act (nothing is done as a closed person) and cannot sign in again;
/// closing again finishes it.
/// </summary>
public sealed partial class AccountGrain
{
    public async Task CloseAccountAsync(Actor actor, string currentPassword)
    {
        RequireHolder(actor, "close it");
        RequireNotStaff("Staff accounts come from the marketplace's configuration (Marketplace:Staff). Ask whoever runs the site to remove yours.");
        await RequireCurrentPasswordAsync(currentPassword);
        await User.CloseAsync(Actor.System);
        account.State = account.State with { SecurityStamp = NewSecurityStamp(), EndedSessions = [], ResetLink = null, EmailChange = null };
        await account.SaveAsync(this);
    }
}
