"""Error types shared by the library and the CLI."""


class BoundcalcError(Exception):
    """Base class of boundcalc's own errors."""


class InputError(BoundcalcError, ValueError):
    """Bad user input: the CLI prints the message on one line and exits with code 2."""


class PrecisionError(BoundcalcError, ArithmeticError):
    """A certified value could not be obtained within the precision cap."""
