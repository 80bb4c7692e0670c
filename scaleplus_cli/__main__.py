from scaleplus_cli.cli import main

main()
