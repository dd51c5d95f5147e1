using Tollway.Cli;

return await TollwayCli.Create().Parse(args).InvokeAsync();
