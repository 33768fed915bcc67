"""`python -m untm`: the same command line as the `untm` script."""

from untm.cli import main

if __name__ == "__main__":
    main()
