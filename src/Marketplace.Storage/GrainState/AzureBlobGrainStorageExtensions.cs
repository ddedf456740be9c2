using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime.Hosting;

namespace Marketplace.Storage.GrainState;

/// <summary>Registers <see cref="AzureBlobGrainStorage"/> as a named (and optionally the default) grain storage.</summary>
public static class AzureBlobGrainStorageExtensions
{
    public static ISiloBuilder AddAzureBlobGrainStorage(this ISiloBuilder builder, string name, Action<AzureBlobGrainStorageOptions> configure)
    {
        builder.Services.AddAzureBlobGrainStorage(name, configure);
        return builder;
    }

    public static ISiloBuilder AddAzureBlobGrainStorageAsDefault(this ISiloBuilder builder, Action<AzureBlobGrainStorageOptions> configure)
    {
        builder.Services.AddAzureBlobGrainStorageAsDefault(configure);
        return builder;
    }

    public static IServiceCollection AddAzureBlobGrainStorageAsDefault(this IServiceCollection services, Action<AzureBlobGrainStorageOptions> configure) =>
        services.AddAzureBlobGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configure);

    public static IServiceCollection AddAzureBlobGrainStorage(this IServiceCollection services, string name, Action<AzureBlobGrainStorageOptions> configure)
    {
        services.AddOptions<AzureBlobGrainStorageOptions>(name).Configure(configure);
        return services.AddGrainStorage(name, static (sp, providerName) => new AzureBlobGrainStorage(
            providerName,
            sp.GetRequiredService<IOptionsMonitor<AzureBlobGrainStorageOptions>>().Get(providerName),
            sp.GetRequiredService<ILogger<AzureBlobGrainStorage>>()));
    }
}
