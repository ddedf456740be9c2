namespace Marketplace.Testing;
