using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Marketplace.Contracts;
using Marketplace.Contracts.Accounts;
using Marketplace.Silo;
using Marketplace.Storage.Files;
using Marketplace.Web.Demo;
using Marketplace.Testing;
using Marketplace.Testing.Azurite;
using Marketplace.Testing.Cluster;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Playwright;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>
/// The whole product on this machine, as people use it: a private Azurite, the real silo host (the silo's own
/// extension methods) on free ports, the web app on Kestrel at a free localhost port, and Debian's Chromium driven
/// by Playwright. One per test collection: starting it costs a few seconds. The domain clock (the grains' keyed
/// <see cref="TimeProvider"/>) and the web's are one <see cref="Clock"/>, real time here; <see cref="ClockedAppFixture"/> moves it.
/// </summary>
public class MarketplaceAppFixture : IAsyncLifetime
{
    public const string StaffEmail = "staff@marketplace.test";
    public const string StaffPassword = "staff password 123";

    private readonly string _serviceId = "web-test-" + Guid.NewGuid().ToString("N")[..8];
    private int _siloPort;
    private int _gatewayPort;
    private IHost? _silo;
    private WebFactory? _web;
    private IPlaywright? _playwright;

    public AzuriteFixture Azurite { get; } = new();

    /// <summary>Where the silo writes the emails it sends (.eml files).</summary>
    public string MailFolder { get; } = MailPickup.NewFolder();
    public Uri BaseAddress { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public IServiceProvider WebServices => _web!.Services;
    public IGrainFactory Grains => WebServices.GetRequiredService<IGrainFactory>();

    /// <summary>The silo host's services (its meters, such as the zip builds <see cref="ZipBuildCounter"/> counts).</summary>
    public IServiceProvider SiloServices => _silo!.Services;

    /// <summary>Every blob in the file containers (staging, originals, previews, finals, handover previews), so "nothing stored" is checked, not assumed.</summary>
    public async Task<int> StoredFileCountAsync()
    {
        var blobs = Azurite.CreateBlobServiceClient();
        var count = 0;
        foreach (var container in new[] { StorageNames.Containers.Staging, StorageNames.Containers.Originals, StorageNames.Containers.Previews, StorageNames.Containers.Finals, StorageNames.Containers.HandoverPreviews })
        {
            var client = blobs.GetBlobContainerClient(container);
            if (!await client.ExistsAsync()) continue;
            await foreach (var _ in client.GetBlobsAsync()) count++;
        }

        return count;
    }

    public const string DemoStaffEmail = "staff@demo.marketplace";

    private readonly Lazy<Task> _demoSeeded;

    public MarketplaceAppFixture()
        : this(TimeProvider.System)
    {
    }

    /// <param name="clock">What the grains and the pages read as now (pages show time left against the grains' deadlines, so both read one clock).</param>
    protected MarketplaceAppFixture(TimeProvider clock)
    {
        Clock = clock;
        _demoSeeded = new(SeedDemoAsync);
    }

    /// <summary>The time the grains and the web read; tests derive deadlines and consent times from it.</summary>
    public TimeProvider Clock { get; }

    /// <summary>
    /// Whether <see cref="Browser"/> is started with the app; otherwise at the first <see cref="NewContextAsync"/> (a fixture
    /// whose tests mostly read pages over HTTP saves the second or two).
    /// </summary>
    protected virtual bool UsesBrowser => true;

    /// <summary>The demo marketplace, seeded once for the tests that only read it (seeding again would add nothing, only time).</summary>
    public Task DemoSeeded => _demoSeeded.Value;

    /// <summary>
    /// Runs the demo seeder against this app (as <c>./run.sh</c> does at start, staff <see cref="DemoStaffEmail"/> included)
    /// and returns its log. Seeding again adds nothing, so any test may call it for the demo's projects, entries and cases.
    /// </summary>
    public async Task<IReadOnlyList<FakeLogRecord>> SeedDemoAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Marketplace:Demo:Seed"] = "true",
            ["Marketplace:Staff:0:Email"] = DemoStaffEmail,
            ["Marketplace:Staff:0:Password"] = DemoSeeder.Password,
            ["Marketplace:Staff:0:DisplayName"] = "Sam from Support",
        }).Build();
        var log = new FakeLogger<DemoSeeder>();
        using var seeder = new DemoSeeder(WebServices, configuration, Clock, log);
        await seeder.StartAsync(CancellationToken.None);
        await seeder.ExecuteTask!;
        return log.Collector.GetSnapshot();
    }

    /// <summary>Where screenshots go: TestResults/screenshots under the repository root.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(RepositoryPaths.Root, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();
        _silo = await StartSiloAsync();
        _web = new WebFactory(Settings(), Clock);
        _web.UseKestrel(0);
        _web.StartServer();
        var addresses = _web.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        BaseAddress = new Uri(addresses.Addresses.First().Replace("[::]", "localhost", StringComparison.Ordinal).Replace("127.0.0.1", "localhost", StringComparison.Ordinal));
        await Grains.GetGrain<IAccountGrain>(StaffEmail)
            .EnsureStaffAsync(Actor.System, new NewAccount(StaffEmail, StaffPassword, "Sam from Support", UserRoles.Staff));

        if (UsesBrowser) await LaunchBrowserAsync();
    }

    private async Task LaunchBrowserAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        // Playwright's 5 s default for Expect is shorter than a form post and its page take on a loaded 2-core CI
        // machine; the same 15 s as Journey.ShouldSeeAsync, so no assertion fails a test for being slow alone.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--headless"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>
    /// A second web app on the same silo and storage with some settings changed (e.g. tight rate limits), started on
    /// its own free port. Dispose it after the test.
    /// </summary>
    public (WebApplicationFactory<Program> Web, Uri BaseAddress) StartExtraWeb(Dictionary<string, string?> overrides)
    {
        var settings = Settings();
        foreach (var (key, value) in overrides) settings[key] = value;
        var web = new WebFactory(settings, Clock);
        web.UseKestrel(0);
        web.StartServer();
        var address = web.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return (web, new Uri(address.Replace("127.0.0.1", "localhost", StringComparison.Ordinal)));
    }

    /// <summary>What the browser refused under the Content-Security-Policy in any context made here ("page: message").</summary>
    public ConcurrentQueue<string> PolicyViolations { get; } = new();

    /// <summary>
    /// A fresh browser profile (no cookies) with a phone (360×640, or <paramref name="phoneWidth"/> wide) or desktop
    /// viewport, in <paramref name="timezoneId"/> (UTC unless a test says otherwise: sign-up and sign-in keep the
    /// browser's zone, and no test may depend on the machine's own).
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(bool phone = false, int phoneWidth = 360, string timezoneId = "UTC")
    {
        if (_playwright is null) await LaunchBrowserAsync();
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = phone ? new ViewportSize { Width = phoneWidth, Height = 640 } : new ViewportSize { Width = 1280, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
            DeviceScaleFactor = 1,
            Locale = "en-US",
            TimezoneId = timezoneId,
        });
        // Chromium reports each refusal on the console; every browser test thereby also checks the policy.
        context.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
                PolicyViolations.Enqueue($"{message.Page?.Url}: {message.Text}");
        };
        return context;
    }

    /// <summary>An HTTP client with its own cookie jar, like one API user.</summary>
    public HttpClient NewApiClient() => new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
    {
        BaseAddress = BaseAddress,
    };

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_web is not null) await _web.DisposeAsync();
        if (_silo is not null)
        {
            await _silo.StopAsync();
            _silo.Dispose();
        }
        await Azurite.DisposeAsync();
        MailPickup.Delete(MailFolder);
        // ContentSecurityPolicyTests checks what ran before it; this catches what any later browser test met.
        if (!PolicyViolations.IsEmpty)
            throw new InvalidOperationException("The browser refused under the Content-Security-Policy:\n" + string.Join("\n", PolicyViolations));
    }

    private Dictionary<string, string?> Settings() => new()
    {
        ["urls"] = "http://127.0.0.1:0",
        ["ConnectionStrings:Storage"] = Azurite.ConnectionString,
        ["Orleans:SiloPort"] = _siloPort.ToString(),
        ["Orleans:GatewayPort"] = _gatewayPort.ToString(),
        ["Orleans:ServiceId"] = _serviceId,
        ["Orleans:ClusterId"] = _serviceId,
        // The tests sign in many people from one address; the limits themselves are tested with their own app.
        ["Marketplace:Web:SignInPermitsPerMinute"] = "1000",
        ["Marketplace:Web:UploadPermitsPerMinute"] = "1000",
        ["Marketplace:Demo:Seed"] = "false",
        ["Marketplace:Email:PickupDirectory"] = MailFolder,
        ["Logging:LogLevel:Default"] = "Warning",
    };

    /// <summary>
    /// Ports are picked just before the silo binds them, and picked again if another process (Azurite, a test
    /// assembly running alongside) took one in the moment between: a free port can only be reserved by using it.
    /// </summary>
    private async Task<IHost> StartSiloAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            (_siloPort, _gatewayPort) = TwoFreePorts();
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
            builder.Configuration.AddInMemoryCollection(Settings());
            // Registered before the domain's TryAdd of the system clock, so the grains read this one (Orleans keeps real time).
            builder.Services.AddKeyedSingleton(MarketplaceClock.Key, Clock);
            // Before the silo's TryAdd of the file store: the real one, whose reads a test may hold (HeldReads).
            builder.Services.AddSingleton<IFileStore>(services => new HoldingFileStore(services.GetRequiredService<BlobFileStore>()));
            builder.AddMarketplaceSilo();
            var host = builder.Build();
            try
            {
                await host.StartAsync();
                return host;
            }
            catch (Exception e) when (attempt < 5 && e is AddressInUseException or { InnerException: SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } })
            {
                host.Dispose();
            }
        }
    }

    /// <summary>Two distinct free ports: both listeners are open at once, so the system cannot hand out the same one twice.</summary>
    internal static (int, int) TwoFreePorts()
    {
        using var first = new TcpListener(IPAddress.Loopback, 0);
        using var second = new TcpListener(IPAddress.Loopback, 0);
        first.Start();
        second.Start();
        return (((IPEndPoint)first.LocalEndpoint).Port, ((IPEndPoint)second.LocalEndpoint).Port);
    }

    private sealed class WebFactory(Dictionary<string, string?> settings, TimeProvider clock) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(Environments.Production);
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class MarketplaceAppCollection : ICollectionFixture<MarketplaceAppFixture>
{
    public const string Name = "Marketplace app";
}
