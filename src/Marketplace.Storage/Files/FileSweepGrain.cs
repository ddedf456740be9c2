using Marketplace.Contracts;
using Marketplace.Contracts.Files;
using Marketplace.Contracts.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marketplace.Storage.Files;

/// <summary>
/// Runs <see cref="UnreferencedFileSweep"/> once a day from a reminder, so one silo of the cluster does it and the
/// schedule survives restarts; staff may also run it at once.
/// </summary>
public sealed partial class FileSweepGrain(
    UnreferencedFileSweep sweep,
    [FromKeyedServices(MarketplaceClock.Key)] TimeProvider time,
    ILogger<FileSweepGrain> logger) : Grain, IFileSweepGrain, IRemindable
{
    public const string DailyReminder = "sweep-unreferenced-files";
    private static readonly TimeSpan Daily = TimeSpan.FromDays(1);

    /// <summary>Registers the reminder only when missing: re-registering at every silo start would push the first run back each time.</summary>
    public async Task ScheduleAsync()
    {
        if (await this.GetReminder(DailyReminder) is null)
        {
            await this.RegisterOrUpdateReminder(DailyReminder, dueTime: TimeSpan.FromHours(1), period: Daily);
        }
    }

    public async Task<FileSweepReport> SweepNowAsync(Actor actor)
    {
        await RequireActiveStaffAsync(actor);
        return await sweep.RunAsync(time.GetUtcNow());
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != DailyReminder)
        {
            return;
        }

        try
        {
            await sweep.RunAsync(time.GetUtcNow());
        }
        catch (Exception e)
        {
            // Tomorrow's tick tries again; a failed sweep deletes nothing it has not checked.
            LogSweepFailed(e);
        }
    }

    private async Task RequireActiveStaffAsync(Actor actor)
    {
        if (!actor.IsStaff)
        {
            throw MarketplaceException.Forbidden("Only staff can sweep stored files.");
        }

        // The role claim comes from the web's sign-in; the user grain says whether it still holds.
        var card = await CardOrNullAsync(actor.UserId);
        if (card is not { Status: UserStatus.Active } || !card.Roles.HasFlag(UserRoles.Staff))
        {
            throw MarketplaceException.Forbidden("Only active staff can sweep stored files.");
        }
    }

    private async Task<UserCard?> CardOrNullAsync(string userId)
    {
        try
        {
            return await GrainFactory.GetGrain<IUserGrain>(userId).GetCardAsync();
        }
        catch (MarketplaceException e) when (e.Kind == ErrorKind.NotFound)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The daily sweep of unreferenced files failed")]
    private partial void LogSweepFailed(Exception exception);
}
