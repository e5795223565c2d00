using TrustBot.Core;
using TrustBot.Protocol.Hosting;
using TrustBot.Storage.Hosting;
using TrustBot.Web.Hosting;
using TrustBot.Web.Telemetry;

if (EraseTeamCommand.IsInvoked(args)) return await EraseTeamCommand.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);

builder.AddTrustBotProtocol();
builder.Services.AddTrustBotCore();
builder.AddTrustBotStorage();
builder.AddTrustBotHost();
builder.AddTrustBotTelemetry();

var app = builder.Build();
app.MapTrustBotEndpoints();
app.Run();
return 0;
