using Marketplace.Web.Extensions;
using Marketplace.Web.Health;
using Marketplace.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddMarketplaceInfrastructure();
builder.AddMarketplaceWeb();

var app = builder.Build();
app.UseMarketplaceWeb();
app.MapMarketplaceHealth();
app.Run();

public partial class Program;
