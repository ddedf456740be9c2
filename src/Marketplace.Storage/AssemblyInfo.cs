namespace Marketplace.Storage;
