using System.Globalization;
using System.Text.Encodings.Web;
using Marketplace.Contracts;
using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.WrapUps;
using Marketplace.Web.Accounts;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Marketplace.Web.Presentation;

/// <summary>
/// The time zone of whoever reads this page, resolved once per request (<see cref="ViewerTimeFilter"/>): the signed-in
/// person's (kept by their inbox), else UTC, labelled. Pages inject it as <c>Local</c> and write every time through it,
/// inside <c>&lt;time datetime="…Z"&gt;</c> so machines still read UTC: <c>@Local.At(deadline)</c> →
/// "3 Dec 2026, 18:00 CET".
/// </summary>
public sealed class ViewerTime
{
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    /// <summary>The signed-in person set a zone (or their browser reported one); false for visitors and people shown UTC by default.</summary>
    public bool ZoneChosen { get; private set; }

    public void Use(string? zoneId)
    {
        var chosen = LocalTimes.FindZone(zoneId);
        Zone = chosen ?? TimeZoneInfo.Utc;
        ZoneChosen = chosen is not null;
    }

    /// <summary>Date and time with the zone, in a <c>&lt;time&gt;</c> element.</summary>
    public IHtmlContent At(DateTimeOffset at) => Element(at, Text(at));

    /// <summary>The day in the viewer's zone, in a <c>&lt;time&gt;</c> element.</summary>
    public IHtmlContent Day(DateTimeOffset at) => Element(at, DayText(at));

    /// <summary>Date and time with the zone as plain text, for a sentence built in code or an attribute.</summary>
    public string Text(DateTimeOffset at) => Display.DateTime(at, Zone);

    public string DayText(DateTimeOffset at) => Display.Date(at, Zone);

    /// <summary>
    /// A timeline line with each of its times in the viewer's zone, inside <c>&lt;time&gt;</c>. A line without marked times
    /// (none named, or from a silo older than markers) reads as the grain wrote it, its times labelled UTC.
    /// </summary>
    public IHtmlContent Words(TimelineEntry line) => line.Marked is { } marked ? Marked(marked) : new HtmlString(HtmlEncoder.Default.Encode(line.Summary));

    /// <summary>A project history line with its times in the viewer's zone; one stored before markers reads as written (UTC).</summary>
    public IHtmlContent Words(Contracts.Projects.ProjectEvent line) => line.Marked is { } marked ? Marked(marked) : new HtmlString(HtmlEncoder.Default.Encode(line.Note));

    /// <summary>A refusal's message with the times it names in the viewer's zone.</summary>
    public string Words(MarketplaceException refused) => refused.In(Zone);

    /// <summary>Grain text carrying <see cref="TimeMarkers"/>: the words encoded, each time a <c>&lt;time&gt;</c> in the viewer's zone.</summary>
    public IHtmlContent Marked(string marked)
    {
        var html = new HtmlContentBuilder();
        foreach (var (words, at) in TimeMarkers.Parts(marked))
        {
            if (at is { } time) html.AppendHtml(At(time));
            else html.Append(words);
        }

        return html;
    }

    private static HtmlString Element(DateTimeOffset at, string text) =>
        new($"<time datetime=\"{at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}\">{HtmlEncoder.Default.Encode(text)}</time>");

}

/// <summary>Resolves <see cref="ViewerTime"/> before a page runs (see <see cref="CallerZone"/>).</summary>
public sealed class ViewerTimeFilter(ViewerTime viewer, IGrainFactory grains, ILogger<ViewerTimeFilter> logger) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        viewer.Use(await CallerZone.IdAsync(grains, context.HttpContext, logger));
        await next();
    }
}

/// <summary>
/// The zone of whoever made the request: one call to the signed-in person's inbox (in memory while they are active);
/// null for visitors, and when it cannot answer, so the caller shows UTC, labelled, rather than failing.
/// </summary>
public static partial class CallerZone
{
    public static async Task<string?> IdAsync(IGrainFactory grains, HttpContext http, ILogger logger)
    {
        if (http.User.ToActor() is not { } actor) return null;
        try
        {
            return await grains.GetGrain<INotificationInboxGrain>(actor.UserId).GetTimeZoneAsync(actor);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogZoneFailed(logger, e, actor.UserId);
            return null;
        }
    }

    public static async Task<TimeZoneInfo> OfAsync(IGrainFactory grains, HttpContext http, ILogger logger) =>
        LocalTimes.ZoneOrUtc(await IdAsync(grains, http, logger));

    [LoggerMessage(Level = LogLevel.Warning, Message = "The time zone of {UserId} could not be read; times show in UTC")]
    private static partial void LogZoneFailed(ILogger logger, Exception exception, string userId);
}
