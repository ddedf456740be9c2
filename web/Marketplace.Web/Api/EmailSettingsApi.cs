using Marketplace.Contracts;
using Marketplace.Contracts.Notifications;
using Marketplace.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketplace.Web.Api;

/// <summary>The signed-in person's email settings, kept by their inbox grain, which lets only its owner in (staff included).</summary>
public static class EmailSettingsApi
{
    /// <summary><see cref="ContestActivity"/>: "Each", "Daily" or "None" (any case); <see cref="SummaryHour"/>: 0–23 in your time zone, or left out to keep it.</summary>
    public sealed record EmailSettingsRequest(string? ContestActivity, int? SummaryHour = null);

    /// <summary>The choice, the summary's hour in <see cref="TimeZone"/>, and what is always emailed whatever the choice.</summary>
    public sealed record EmailSettingsAnswer(ContestActivityEmail ContestActivity, int SummaryHour, string TimeZone, IReadOnlyList<string> AlwaysEmailed);

    /// <summary><see cref="TimeZone"/>: an IANA time zone name such as "Europe/Berlin".</summary>
    public sealed record TimeZoneRequest(string? TimeZone);

    /// <summary>The zone times are shown and emailed in; <see cref="Chosen"/> false while none was set (UTC).</summary>
    public sealed record TimeZoneAnswer(string TimeZone, bool Chosen);

    public static RouteGroupBuilder MapEmailSettingsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/me/email-settings").WithTags("Notifications").RequireAuthorization();
        group.MapGet("", GetAsync).WithSummary("How contest activity is emailed to you (Each, Daily or None), and what is always emailed.");
        group.MapPut("", PutAsync).WithSummary(
            "Choose how contest activity is emailed to you: {\"contestActivity\": \"Each\" | \"Daily\" | \"None\", \"summaryHour\": 0–23 (optional, your time zone)}. The site shows every notification whatever you choose.");
        var zone = api.MapGroup("/me/time-zone").WithTags("Notifications").RequireAuthorization();
        zone.MapGet("", GetZoneAsync).WithSummary("The IANA time zone your notifications and emails are written in (UTC until you choose one).");
        zone.MapPut("", PutZoneAsync).WithSummary("Choose your time zone: {\"timeZone\": \"Europe/Berlin\"}. 400 for a name this server does not know.");
        return api;
    }

    private static async Task<Ok<TimeZoneAnswer>> GetZoneAsync(IGrainFactory grains, HttpContext http)
    {
        var actor = http.User.RequireActor();
        var zone = await grains.GetGrain<INotificationInboxGrain>(actor.UserId).GetTimeZoneAsync(actor);
        return TypedResults.Ok(new TimeZoneAnswer(zone ?? LocalTimes.UtcId, zone is not null));
    }

    private static async Task<Ok<TimeZoneAnswer>> PutZoneAsync(TimeZoneRequest? request, IGrainFactory grains, HttpContext http)
    {
        var actor = http.User.RequireActor();
        if (string.IsNullOrWhiteSpace(request?.TimeZone))
        {
            throw MarketplaceException.Invalid("Set timeZone to an IANA time zone name, such as \"Europe/Berlin\" or \"America/New_York\".");
        }

        var saved = await grains.GetGrain<INotificationInboxGrain>(actor.UserId).SetTimeZoneAsync(actor, request.TimeZone);
        return TypedResults.Ok(new TimeZoneAnswer(saved, true));
    }

    private static async Task<Ok<EmailSettingsAnswer>> GetAsync(IGrainFactory grains, HttpContext http)
    {
        var actor = http.User.RequireActor();
        return TypedResults.Ok(Answer(await grains.GetGrain<INotificationInboxGrain>(actor.UserId).GetContactSettingsAsync(actor)));
    }

    private static async Task<Ok<EmailSettingsAnswer>> PutAsync(EmailSettingsRequest? request, IGrainFactory grains, HttpContext http)
    {
        var actor = http.User.RequireActor();
        var choice = ParseChoice(request?.ContestActivity);
        var inbox = grains.GetGrain<INotificationInboxGrain>(actor.UserId);
        await inbox.SetEmailSettingsAsync(actor, new EmailSettings(choice, request?.SummaryHour));
        return TypedResults.Ok(Answer(await inbox.GetContactSettingsAsync(actor)));
    }

    /// <summary>The hour field of the settings form: a whole hour, or nothing to keep the current one.</summary>
    public static int? ParseHour(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null
        : int.TryParse(value.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var hour) ? hour
        : throw MarketplaceException.Invalid("Choose the hour of the daily summary as a whole hour from 0 (midnight) to 23 (11 pm), in your time zone.");

    /// <summary>One of the names, in any case (not a number, nor a list: those would parse and mean nothing to a reader).</summary>
    public static ContestActivityEmail ParseChoice(string? value) =>
        Enum.GetValues<ContestActivityEmail>().Cast<ContestActivityEmail?>()
            .FirstOrDefault(c => string.Equals(c.ToString(), value?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw MarketplaceException.Invalid("Set contestActivity to \"Each\" (an email per notice), \"Daily\" (one summary a day) or \"None\" (on the site only).");

    private static EmailSettingsAnswer Answer(ContactSettings settings) => new(settings.Email.ContestActivity,
        settings.Email.SummaryHour ?? EmailKinds.DefaultSummaryHour, settings.TimeZone ?? LocalTimes.UtcId, EmailKinds.AlwaysEmailed);
}
