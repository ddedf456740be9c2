using Marketplace.Contracts;
using Marketplace.Contracts.Notifications;
using Marketplace.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketplace.Web.Api;

/// <summary>The signed-in person's email settings, kept by their inbox grain, which lets only its owner in (staff included).</summary>
public static class EmailSettingsApi
{
    /// <summary><see cref="ContestActivity"/>: "Each", "Daily" or "None" (any case).</summary>
    public sealed record EmailSettingsRequest(string? ContestActivity);

    /// <summary>The choice, and what is always emailed whatever it is.</summary>
    public sealed record EmailSettingsAnswer(ContestActivityEmail ContestActivity, IReadOnlyList<string> AlwaysEmailed);

    public static RouteGroupBuilder MapEmailSettingsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/me/email-settings").WithTags("Notifications").RequireAuthorization();
        group.MapGet("", GetAsync).WithSummary("How contest activity is emailed to you (Each, Daily or None), and what is always emailed.");
        group.MapPut("", PutAsync).WithSummary(
            "Choose how contest activity is emailed to you: {\"contestActivity\": \"Each\" | \"Daily\" | \"None\"}. The site shows every notification whatever you choose.");
        return api;
    }

    private static async Task<Ok<EmailSettingsAnswer>> GetAsync(IGrainFactory grains, HttpContext http)
    {
        var actor = http.User.RequireActor();
        return TypedResults.Ok(Answer(await grains.GetGrain<INotificationInboxGrain>(actor.UserId).GetEmailSettingsAsync(actor)));
    }

    private static async Task<Ok<EmailSettingsAnswer>> PutAsync(EmailSettingsRequest? request, IGrainFactory grains, HttpContext http)
    {
        var actor = http.User.RequireActor();
        var choice = ParseChoice(request?.ContestActivity);
        var saved = await grains.GetGrain<INotificationInboxGrain>(actor.UserId).SetEmailSettingsAsync(actor, new EmailSettings(choice));
        return TypedResults.Ok(Answer(saved));
    }

    /// <summary>One of the names, in any case (not a number, nor a list: those would parse and mean nothing to a reader).</summary>
    public static ContestActivityEmail ParseChoice(string? value) =>
        Enum.GetValues<ContestActivityEmail>().Cast<ContestActivityEmail?>()
            .FirstOrDefault(c => string.Equals(c.ToString(), value?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw MarketplaceException.Invalid("Set contestActivity to \"Each\" (an email per notice), \"Daily\" (one summary a day) or \"None\" (on the site only).");

    private static EmailSettingsAnswer Answer(EmailSettings settings) => new(settings.ContestActivity, EmailKinds.AlwaysEmailed);
}
