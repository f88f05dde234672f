"""Package and data versions (kept apart, as tzdata keeps __version__ and IANA_VERSION)."""

__version__ = "0.1.0"

#: Version of the curated data shipped in ``kratom_safety/data``. Every data file's
#: envelope must carry exactly this value; the loader refuses a mismatch.
DATA_VERSION = "2026.11.0"

#: Date on which the data set as a whole was last reviewed.
DATA_REVIEWED = "2026-11-24"
