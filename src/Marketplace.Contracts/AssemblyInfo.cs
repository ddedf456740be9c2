namespace Marketplace.Contracts;
