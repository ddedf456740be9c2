using Marketplace.Contracts.Previews;
using Microsoft.Extensions.Options;

namespace Marketplace.Previews;

/// <summary>Either previews or the refusal that explains why there are none.</summary>
public sealed record PipelineOutcome(ImageHeader? Header, RenderedPreviews? Previews, UploadRefusal? Refusal);

/// <summary>
/// Checks and renders one image file. At most one render per core runs at a time in the process, so
/// concurrent uploads queue instead of multiplying memory.
/// </summary>
public sealed class PreviewPipeline
{
    private readonly PreviewOptions _options;
    private readonly SemaphoreSlim _slots;

    public PreviewPipeline(IOptions<PreviewOptions> options)
    {
        _options = options.Value;
        VipsRuntime.Configure(_options);
        _slots = new SemaphoreSlim(Environment.ProcessorCount);
    }

    public PreviewOptions Options => _options;

    /// <summary>Header-only check by content and limits; nothing is decoded.</summary>
    public Inspection Inspect(string path, string fileName) => UploadInspector.Inspect(path, fileName, _options);

    /// <summary>Checks <paramref name="path"/>, then renders every preview size. Never throws for bad image data.</summary>
    public async Task<PipelineOutcome> ProcessAsync(string path, string fileName, string? watermarkLabel, CancellationToken cancellationToken = default)
    {
        var inspection = Inspect(path, fileName);
        if (inspection.Header is not { } header)
        {
            return new PipelineOutcome(null, null, inspection.Refusal);
        }

        return await RenderAsync(path, header, watermarkLabel, cancellationToken);
    }

    /// <summary>Renders an inspected image off the caller's thread (Orleans' scheduler must not run image work).</summary>
    public async Task<PipelineOutcome> RenderAsync(string path, ImageHeader header, string? watermarkLabel, CancellationToken cancellationToken = default)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(() => Render(path, header, watermarkLabel), cancellationToken);
        }
        finally
        {
            _slots.Release();
        }
    }

    private static PipelineOutcome Render(string path, ImageHeader header, string? watermarkLabel)
    {
        try
        {
            return new PipelineOutcome(header, PreviewRenderer.Render(path, header, watermarkLabel), null);
        }
        catch (DamagedImageException)
        {
            return new PipelineOutcome(header, null, new UploadRefusal(UploadRefusalCode.Damaged, DamageDiagnosis.Explain(path, header.Format)));
        }
    }
}
