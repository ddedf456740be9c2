global using static Marketplace.Web.Tests.Infrastructure.PageText;
namespace Marketplace.Web.Tests;
