import IAMConfCLI

await runIAMConf()
