"""untm: Chinese-English alignment and translation memory for United Nations documents."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("untm")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0"

__all__ = ["__version__"]
