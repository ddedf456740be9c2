namespace Marketplace.Web.Tests;
