"""Package and data versions (kept apart, as tzdata keeps __version__ and IANA_VERSION)."""

from ._dataversion import DATA_REVIEWED, DATA_VERSION

__all__ = ["DATA_REVIEWED", "DATA_VERSION", "__version__"]

__version__ = "0.1.0"
