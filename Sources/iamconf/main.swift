import IAMConfCLI

await IAMConfCommand.main()
