using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Marketplace.Storage.Files;
using Marketplace.Web.Accounts;
using Marketplace.Web.Api;
using Marketplace.Web.Files;
using Marketplace.Web.Errors;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.ResponseCompression;

namespace Marketplace.Web.Extensions;

/// <summary>The marketplace web tier: pages, API, cookies, antiforgery, limits and error answers.</summary>
public static class WebExtensions
{
    public const string SignInLimit = "signin";
    public const string UploadLimit = "upload";

    public static WebApplicationBuilder AddMarketplaceWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var options = builder.Configuration.GetSection(WebOptions.Section).Get<WebOptions>() ?? new WebOptions();
        services.Configure<WebOptions>(builder.Configuration.GetSection(WebOptions.Section));

        services.AddRazorPages(pages =>
        {
            pages.Conventions.AuthorizeFolder("/Buyer", Policies.Buyer);
            pages.Conventions.AuthorizeFolder("/Creative", Policies.Creative);
            pages.Conventions.AuthorizeFolder("/Staff", Policies.Staff);
            pages.Conventions.AuthorizeFolder("/WrapUps");
            pages.Conventions.AuthorizeFolder("/Notifications");
        }).AddMvcOptions(mvc => mvc.Filters.AddService<Presentation.ViewerTimeFilter>());
        services.AddScoped<Presentation.ViewerTime>();
        services.AddScoped<Presentation.ViewerTimeFilter>();
        services.AddProblemDetails();
        // Binding failures become exceptions so that they get the same ProblemDetails answer as refused calls.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<Presentation.OpenProjects>();
        services.AddScoped<Presentation.HomeActionsFor>();
        services.AddScoped<Uploads.UploadService>();
        services.AddSingleton<Files.BuiltZips>();
        services.AddHostedService<Demo.DemoSeeder>();
        services.AddExceptionHandler<MarketplaceExceptionHandler>();
        services.AddOpenApi("v1");
        services.AddScoped<AccountService>();
        // Its X-Frame-Options: SAMEORIGIN would win over our DENY (SecurityHeaders adds only what is missing).
        services.AddAntiforgery(a =>
        {
            a.HeaderName = "X-XSRF-TOKEN";
            a.SuppressXFrameOptionsHeader = true;
            a.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.Configure<ForwardedHeadersOptions>(forwarded => TrustOnly(forwarded, options.TrustedProxies));
        services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(options.HstsMaxAgeDays));
        services.Configure<FormOptions>(f => f.MultipartBodyLengthLimit = options.MaxUploadBytes);
        // Room for the multipart framing around the largest file; everything else is far smaller.
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxUploadBytes + 1024 * 1024);
        services.AddMarketplaceFileStore(builder.Configuration);
        // Only our stylesheet and scripts are compressed (a 20 KB stylesheet is 5 KB gzipped, the most a phone fetches
        // after images). Pages are not: they carry antiforgery tokens next to text people typed, which compression over
        // TLS would expose to BREACH-style guessing. Images are compressed already.
        services.AddResponseCompression(compression =>
        {
            compression.EnableForHttps = true;
            compression.MimeTypes = ["text/css", "text/javascript", "application/javascript"];
        });
        // A few small files, compressed once per visit and then cached: worth the smaller size over the fastest level.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Buyer, p => p.RequireRole(nameof(Contracts.UserRoles.Buyer)))
            .AddPolicy(Policies.Creative, p => p.RequireRole(nameof(Contracts.UserRoles.Creative)))
            .AddPolicy(Policies.Staff, p => p.RequireRole(nameof(Contracts.UserRoles.Staff)))
            .AddPolicy(Policies.BuyerOrStaff, p => p.RequireRole(nameof(Contracts.UserRoles.Buyer), nameof(Contracts.UserRoles.Staff)));

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.LoginPath = "/account/signin";
            cookie.LogoutPath = "/account/signout";
            cookie.AccessDeniedPath = "/error/403";
            cookie.Cookie.Name = "mp.auth";
            cookie.Cookie.HttpOnly = true;
            // Lax: cross-site POSTs carry no cookie, so the JSON API is not open to request forgery.
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromDays(Contracts.Accounts.AccountRules.SessionDays);
            cookie.Events.OnValidatePrincipal = SessionStamps.RejectEndedSessionAsync;
            cookie.Events.OnRedirectToLogin = ctx => AnswerApiOr(ctx, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = ctx => AnswerApiOr(ctx, StatusCodes.Status403Forbidden);
        });

        services.AddRateLimiter(limits =>
        {
            limits.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // The answer's words come from the status code pages (API: ProblemDetails; pages: the error page).
            limits.OnRejected = (rejected, _) =>
            {
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)) RetryAfter.Set(rejected.HttpContext.Response, wait);
                return ValueTask.CompletedTask;
            };
            // Only submissions count: showing the sign-in or upload form is free.
            limits.AddPolicy(SignInLimit, http => HttpMethods.IsGet(http.Request.Method)
                ? RateLimitPartition.GetNoLimiter("get")
                : RateLimitPartition.GetFixedWindowLimiter(
                    ClientNetwork(http.Connection.RemoteIpAddress),
                    _ => Window(options.SignInPermitsPerMinute)));
            limits.AddPolicy(UploadLimit, http => HttpMethods.IsGet(http.Request.Method)
                ? RateLimitPartition.GetNoLimiter("get")
                : RateLimitPartition.GetFixedWindowLimiter(
                    http.User.ToActor()?.UserId ?? http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => Window(options.UploadPermitsPerMinute)));
        });
        return builder;
    }

    public static WebApplication UseMarketplaceWeb(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<WebOptions>>().Value;
        // First, so everything after sees the client's scheme and address as the trusted proxy received them. Not at all
        // without a configured proxy: the middleware believes every sender when its lists of proxies are empty.
        if (options.TrustedProxies.Count > 0) app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment() && options.HstsMaxAgeDays > 0) app.UseHsts();

        app.UseSecurityHeaders();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            StatusCodeSelector = ErrorStatus.For,
            // A refusal (4xx) is an answer, not a fault: only server errors are logged as errors.
            SuppressDiagnosticsCallback = context => ErrorStatus.For(context.Exception) < 500,
        });
        app.UseWhen(http => MarketplaceExceptionHandler.IsApi(http.Request), api => api.UseStatusCodePages(StatusCodeProblemAsync));
        app.UseWhen(http => !MarketplaceExceptionHandler.IsApi(http.Request), pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
        app.UseResponseCompression();
        app.UseStaticFiles(new StaticFileOptions
        {
            // asp-append-version puts the file's hash in ?v=, so that address never changes content: cache it for good.
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = ctx.Context.Request.Query.ContainsKey("v")
                ? "public, max-age=31536000, immutable"
                : "public, max-age=86400",
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.MapOpenApi("/api/{documentName}/openapi.json");
        app.MapRazorPages();
        app.MapMarketplaceApi();
        app.MapMarketplaceFiles();
        return app;
    }

    /// <summary>
    /// The sign-in limit's key: an IPv4 address, or an IPv6 address's /64 network, because one home or phone is given a
    /// whole /64 and could otherwise step round the limit by changing addresses.
    /// </summary>
    public static string ClientNetwork(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>
    /// Believes X-Forwarded-Proto and X-Forwarded-For only from the configured proxies (ASP.NET Core's defaults would
    /// believe any loopback sender), walking back through the chain while each hop is one of them. With none configured
    /// the middleware is not used at all (see <see cref="UseMarketplaceWeb"/>).
    /// </summary>
    private static void TrustOnly(ForwardedHeadersOptions forwarded, IEnumerable<string> proxies)
    {
        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        forwarded.ForwardLimit = null;
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            if (proxy.Contains('/') && System.Net.IPNetwork.TryParse(proxy, out var network)) forwarded.KnownIPNetworks.Add(network);
            else if (IPAddress.TryParse(proxy, out var address)) forwarded.KnownProxies.Add(address);
            else throw new InvalidOperationException($"{WebOptions.Section}:TrustedProxies: \"{proxy}\" is neither an IP address nor a network such as 10.0.0.0/24.");
        }
    }

    private static FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = Math.Max(1, permits),
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    };

    private static Task AnswerApiOr(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        // A HEAD is answered as its GET would be (download managers probe with it), so it is sent to sign in too.
        if (MarketplaceExceptionHandler.IsApi(ctx.Request) || !(HttpMethods.IsGet(ctx.Request.Method) || HttpMethods.IsHead(ctx.Request.Method)))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    private static Task StatusCodeProblemAsync(StatusCodeContext ctx)
    {
        var status = ctx.HttpContext.Response.StatusCode;
        return TypedResults.Problem(MarketplaceExceptionHandler.Problem(status, null)).ExecuteAsync(ctx.HttpContext);
    }
}

public static class Policies
{
    public const string Buyer = "buyer";
    public const string Creative = "creative";
    public const string Staff = "staff";

    /// <summary>A buyer's receipt is read by its buyer and by staff answering "Can I get an invoice?".</summary>
    public const string BuyerOrStaff = "buyer-or-staff";
}
