using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;

namespace Marketplace.Storage.Reminders;

/// <summary>Registers durable reminders on Azure Table Storage.</summary>
public static class AzureTableReminderExtensions
{
    public static ISiloBuilder UseAzureTableReminderService(this ISiloBuilder builder, Action<AzureTableReminderOptions> configure)
    {
        builder.Services.UseAzureTableReminderService(configure);
        return builder;
    }

    public static IServiceCollection UseAzureTableReminderService(this IServiceCollection services, Action<AzureTableReminderOptions> configure)
    {
        services.AddReminders();
        services.AddSingleton<IReminderTable, AzureTableReminderTable>();
        services.AddOptions<AzureTableReminderOptions>().Configure(configure);
        return services;
    }
}
