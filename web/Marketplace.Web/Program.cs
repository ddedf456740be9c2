using Marketplace.Web.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddMarketplaceWeb();
var app = builder.Build();
app.UseMarketplaceWeb();
app.Run();

public partial class Program;
