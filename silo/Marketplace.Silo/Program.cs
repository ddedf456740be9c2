using Microsoft.Extensions.Hosting;
using Marketplace.Silo;

var builder = Host.CreateApplicationBuilder(args);
builder.AddMarketplaceSilo();
await builder.Build().RunAsync();
