"""`python -m boundcalc ...`: the same as the `boundcalc` console script."""
from cli import main

if __name__ == "__main__":
    main()
