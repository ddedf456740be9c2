using Marketplace.Storage.Files;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Marketplace.Previews;

public static class PreviewsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the preview pipeline with its limits (section <c>Previews</c>) and the blob file store
    /// (section <c>Files</c>, connection string <c>Storage</c>). Call on the silo; the preview worker grain
    /// is found by Orleans from this assembly.
    /// </summary>
    public static IServiceCollection AddMarketplacePreviews(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PreviewOptions>()
            .Bind(configuration.GetSection(PreviewOptions.SectionName))
            .Validate(o => o.MaxEntryBytes > 0 && o.MaxFinalBytes > 0 && o.MaxWidth > 0 && o.MaxHeight > 0 && o.MaxPixels > 0 && o.MaxInterlacedPixels > 0 && o.MaxFrames > 0,
                "Previews limits must be positive.")
            .Validate(o => o.Concurrency >= 0, "Previews:Concurrency must be 0 (one thread per core) or more.")
            .Validate(o => o.PrintDrawing.Timeout > TimeSpan.Zero && o.PrintDrawing.TimePerUpload > TimeSpan.Zero && o.PrintDrawing.CpuSeconds > 0 && o.PrintDrawing.MemoryBytes > 0 && o.PrintDrawing.MaxOutputBytes > 0 && o.PrintDrawing.MaxConcurrent > 0,
                "Previews:PrintDrawing limits must be positive.")
            .ValidateOnStart();
        services.AddMarketplaceFileStore(configuration);
        services.TryAddSingleton<PreviewPipeline>();
        services.TryAddSingleton<PrintDrawer>();
        services.TryAddSingleton<PrintPreviews>();
        services.AddHostedService<PrintDrawingCheck>();
        return services;
    }
}
