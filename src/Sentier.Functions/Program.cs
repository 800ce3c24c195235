using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Sentier.Functions.Http;
using Sentier.Functions.Telemetry;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddSentierApp(builder.Configuration);
builder.Services.AddSentierTelemetry(builder.Configuration);
builder.Build().Run();
