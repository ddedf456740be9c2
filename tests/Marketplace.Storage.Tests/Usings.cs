namespace Marketplace.Storage.Tests;
