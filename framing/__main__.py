from framing.cli.app import main

main()
