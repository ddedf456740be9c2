global using Marketplace.Contracts.Previews;
global using Marketplace.Previews;
global using Marketplace.Testing.Corpora;
global using NetVips;
