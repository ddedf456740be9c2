using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marketplace.Previews;

/// <summary>
/// Says once, at silo start, whether print files get previews here: a developer machine without poppler-utils,
/// librsvg2-bin, ghostscript, libvips-tools, imagemagick-6.q16 or fontconfig gets one warning, and everything else works (those finals are stored and say why they have no preview).
/// </summary>
public sealed partial class PrintDrawingCheck(PrintDrawer drawer, ILogger<PrintDrawingCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (drawer.MissingPrograms() is { } missing)
        {
            LogMissing(missing);
        }
        else
        {
            LogReady(drawer.WithoutNetwork ? "without network (unshare -rn)" : "with the network (unshare -rn does not work on this machine)");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "PDF, SVG, EPS, TIFF, PSD or font finals will be stored without previews: {Missing} not installed. On Debian: apt-get install poppler-utils librsvg2-bin ghostscript libvips-tools imagemagick-6.q16 fontconfig (./test.sh installs them).")]
    private partial void LogMissing(string missing);

    [LoggerMessage(Level = LogLevel.Information, Message = "PDF, SVG, EPS, TIFF, PSD and font previews are drawn in a limited child process, {Network}.")]
    private partial void LogReady(string network);
}
