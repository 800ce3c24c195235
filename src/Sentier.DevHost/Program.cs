using Sentier.DevHost.Hosting;

DevHostApplication.Build(args).Run();
