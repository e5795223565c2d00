using TrustBot.Core;
using TrustBot.Protocol.Hosting;
using TrustBot.Storage.Hosting;
using TrustBot.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddTrustBotProtocol();
builder.Services.AddTrustBotCore();
builder.AddTrustBotStorage();
builder.AddTrustBotHost();

var app = builder.Build();
app.MapTrustBotEndpoints();
app.Run();
