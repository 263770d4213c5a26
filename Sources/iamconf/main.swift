import IAMConfCLI

func entry() async {
    await IAMConfCommand.main()
}
await entry()
