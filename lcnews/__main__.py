from lcnews.cli import main

# Guarded: extraction workers are spawned and re-import the main module.
if __name__ == "__main__":
    main()
