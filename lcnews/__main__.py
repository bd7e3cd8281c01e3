from lcnews.cli import main

main()
